import Foundation
import Testing
@testable import ArchiveIngest

enum Fixture {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    /// Reads a fixture (or any file), collecting its documents.
    static func read(_ url: URL, format: SourceFormat? = nil, mapping: XMLMapping? = nil) throws -> (FileReadSummary, [ParsedDocument]) {
        var docs: [ParsedDocument] = []
        let summary = try ArchiveReader(mapping: mapping).read(file: url, format: format) { docs.append($0) }
        return (summary, docs)
    }

    static func read(_ name: String, format: SourceFormat? = nil, mapping: XMLMapping? = nil) throws -> (FileReadSummary, [ParsedDocument]) {
        try read(url(name), format: format, mapping: mapping)
    }

    /// A temporary file with the given bytes.
    static func temp(_ bytes: [UInt8], ext: String = "xml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-ingest-tests", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(UUID().uuidString + "." + ext)
        try Data(bytes).write(to: url)
        return url
    }

    static func temp(_ text: String, ext: String = "xml") throws -> URL { try temp(Array(text.utf8), ext: ext) }
}

/// Checks the offset contract: passage i's text sits at [start, end) of plainText, in Unicode scalars.
func checkOffsets(_ doc: ParsedDocument, sourceLocation: SourceLocation = #_sourceLocation) {
    let scalars = Array(doc.plainText.unicodeScalars)
    for (i, p) in doc.passages.enumerated() {
        #expect(p.ordinal == i, sourceLocation: sourceLocation)
        #expect(p.end - p.start == p.text.unicodeScalars.count, sourceLocation: sourceLocation)
        guard p.start >= 0, p.end <= scalars.count, p.start <= p.end else {
            Issue.record("passage \(i) offsets out of range", sourceLocation: sourceLocation)
            continue
        }
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[p.start..<p.end])
        #expect(String(slice) == p.text, sourceLocation: sourceLocation)
        #expect(p.text == p.text.trimmingCharacters(in: .whitespacesAndNewlines), sourceLocation: sourceLocation)
        #expect(!p.text.contains("  "), sourceLocation: sourceLocation)
    }
}
