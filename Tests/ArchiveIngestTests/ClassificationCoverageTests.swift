import Foundation
import Testing
@testable import ArchiveIngest

/// Every FRUS document whose source note carries a classification word gets a classification.
///
/// Volumes read: every FRUS TEI file under `../shared/corpus` (whole volumes, excerpts, edge files),
/// plus every volume of the 95-volume series in `frus/series/*.xml.xz`. The series is decompressed
/// with `xz` one volume at a time into a temporary folder (the next volume decompresses while the
/// current one is read; each is deleted once read, so at most two sit on disk), or read from
/// `DOSSIER_FRUS_SERIES` when that variable names a folder of unpacked `*.xml` volumes. The readers
/// are streamed with no database.
@Suite("Classification coverage over the FRUS corpus", .enabled(if: Corpus.exists))
struct ClassificationCoverageTests {
    /// A classification word as the independent check sees it: a level, capitalized, as a whole word.
    /// Kept deliberately simpler than the parser. The only occurrences not counted are those that
    /// name a file or collection, listed here with the volumes they were seen in: "Confidential File"
    /// (Eisenhower Library, White House Central Files), "Top Secret File" (NA files), "Top Secret
    /// and Secret Summaries" (Department of State lot file), "Secret Service".
    static let wordPattern = try! NSRegularExpression(
        pattern: #"\b(Top Secret|Secret|Confidential|Unclassified|Limited Official Use|Official Use Only|No classification marking)\b(?! [Ff]iles?\b| and Secret Summaries| Summaries| Service)"#)

    static func hasClassificationWord(_ note: String) -> Bool {
        let range = NSRange(note.startIndex..., in: note)
        return wordPattern.firstMatch(in: note, range: range) != nil
    }

    static func corpusVolumes() -> [URL] {
        Corpus.allFiles.filter { url in
            url.pathExtension == "xml" && url.path.contains("/frus") && url.lastPathComponent.hasPrefix("frus")
        }
    }

    /// The series volumes, as `*.xml.xz` to decompress or `*.xml` already unpacked.
    static func seriesVolumes() throws -> [URL] {
        let fm = FileManager.default
        let dir = ProcessInfo.processInfo.environment["DOSSIER_FRUS_SERIES"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? Corpus.url("frus/series")
        guard fm.fileExists(atPath: dir.path) else { return [] }
        return try fm.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".xml.xz") || $0.pathExtension == "xml" }
            .sorted { $0.path < $1.path }
    }

    static let xz = ["/usr/bin/xz", "/bin/xz", "/usr/local/bin/xz"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts decompressing `source` into `folder`; the returned closure waits and gives the file.
    static func decompress(_ source: URL, into folder: URL) throws -> () throws -> URL? {
        let target = folder.appendingPathComponent(String(source.lastPathComponent.dropLast(3)))
        _ = FileManager.default.createFile(atPath: target.path, contents: nil)
        let handle = try FileHandle(forWritingTo: target)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: xz!)
        p.arguments = ["-dc", source.path]
        p.standardOutput = handle
        try p.run()
        return {
            p.waitUntilExit()
            try handle.close()
            return p.terminationStatus == 0 ? target : nil
        }
    }

    /// Calls `body` with every series volume as an unpacked file, decompressing the next while
    /// `body` reads the current one. Returns how many could not be decompressed.
    static func forEachSeriesVolume(_ volumes: [URL], _ body: (URL) throws -> Void) throws -> [String] {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("dossier-series-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        var failed: [String] = []
        var pending: (URL, () throws -> URL?)?
        func start(_ i: Int) throws {
            pending = nil
            guard i < volumes.count else { return }
            let v = volumes[i]
            pending = v.pathExtension == "xml" ? (v, { v }) : (v, try decompress(v, into: tmp))
        }
        try start(0)
        for i in volumes.indices {
            guard let (source, wait) = pending else { break }
            let file = try wait()
            try start(i + 1)
            guard let file else { failed.append(source.lastPathComponent); continue }
            try body(file)
            if file != source { try? fm.removeItem(at: file) }
        }
        return failed
    }

    @Test func everySourceNoteWithAClassificationWordHasAClassification() throws {
        let series = try Self.seriesVolumes()
        if series.contains(where: { $0.pathExtension == "xz" }) && Self.xz == nil {
            print("classification coverage: the compressed series is skipped (no xz: Debian package xz-utils)")
        }
        var volumes = 0, documents = 0, withWord = 0, seriesRead = 0
        var missing: [String] = []
        // DOSSIER_CLASSIFICATION_DUMP=FILE writes every parsed note (TSV) for review.
        var dump = ""
        let dumpPath = ProcessInfo.processInfo.environment["DOSSIER_CLASSIFICATION_DUMP"]
        func check(_ url: URL) {
            guard let (summary, docs) = try? Fixture.read(url), summary.format == .frus else { return }
            volumes += 1
            for d in docs {
                documents += 1
                if dumpPath != nil, let note = d.sourceNote {
                    dump += [summary.volumeId ?? "", d.key, note.classification ?? "", note.handling.joined(separator: "|"),
                             note.verbatim].joined(separator: "\t") + "\n"
                }
                guard let note = d.sourceNote, Self.hasClassificationWord(note.verbatim) else { continue }
                withWord += 1
                if note.classification == nil {
                    missing.append("\(summary.volumeId ?? url.lastPathComponent)/\(d.key): \(note.verbatim)")
                }
            }
        }
        for url in Self.corpusVolumes() { check(url) }
        let readable = Self.xz == nil ? series.filter { $0.pathExtension == "xml" } : series
        let undecompressed = try Self.forEachSeriesVolume(readable) { url in
            let before = volumes
            check(url)
            if volumes > before { seriesRead += 1 }
        }
        if let dumpPath { try dump.write(toFile: dumpPath, atomically: true, encoding: .utf8) }
        let share = withWord == 0 ? 0 : Double(missing.count) / Double(withWord)
        print("classification coverage: \(volumes) volumes (\(seriesRead) of the \(series.count) series volumes), \(documents) documents, \(withWord) source notes with a classification word, \(missing.count) without a classification (share \(share))")
        #expect(undecompressed.isEmpty, "xz could not decompress \(undecompressed)")
        // Every series volume that could be read is a FRUS volume and was checked.
        #expect(seriesRead == readable.count)
        #expect(volumes >= 5 + seriesRead)
        #expect(withWord > 0)
        #expect(missing.isEmpty, "\(missing.count) of \(withWord): \(missing.prefix(20).joined(separator: "\n"))")
    }
}
