import Foundation
import Testing
@testable import ArchiveIngest

/// Memory stays flat: documents are emitted while the file is still being read, and peak resident
/// memory grows far less than the file size (a whole-tree parse holds at least the whole text).
@Suite("Streaming", .serialized)
struct StreamingTests {
    static func syntheticVolume(documents: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-ingest-tests", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("synthetic-\(UUID().uuidString).xml")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        defer { try? h.close() }
        try h.write(contentsOf: Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="volume">Synthetic</title></titleStmt>
        <publicationStmt><idno type="frus">frus9999v01</idno></publicationStmt></fileDesc></teiHeader><text><body><div type="chapter"><head>Chapter</head>

        """.utf8))
        let paragraph = "<p>The Ambassador met the <gloss target=\"#t_MND1\">MND</gloss> today and said the troops would not be withdrawn before the end of the year.<note n=\"2\">A footnote.</note></p>\n"
        var chunk = ""
        for i in 1...documents {
            chunk += "<pb n=\"\(i)\"/><div type=\"document\" xml:id=\"d\(i)\" n=\"\(i)\"><head>\(i). Telegram From the Embassy<note type=\"source\" n=\"1\">Source: Archive, RG 59, File. Secret.</note></head>\n"
            chunk += String(repeating: paragraph, count: 30) + "</div>\n"
            if i % 200 == 0 { try h.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        chunk += "</div></body></text></TEI>\n"
        try h.write(contentsOf: Data(chunk.utf8))
        return url
    }

    /// Resets VmHWM to the current RSS (Linux ≥ 4.0), so that other tests' earlier peaks do not hide ours.
    static func resetPeak() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    static func peakResidentKB() -> Int? {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }

    @Test func documentsAreEmittedBeforeTheFileIsRead() throws {
        let url = try Self.syntheticVolume(documents: 600)
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        var consumed = 0
        var consumedAtFirst: Int?
        var count = 0
        let s = try ArchiveReader().read(file: url, format: nil, progress: { consumed = $0 }) { _ in
            if consumedAtFirst == nil { consumedAtFirst = consumed }
            count += 1
        }
        #expect(count == 600)
        #expect(s.byteCount == size)
        let first = try #require(consumedAtFirst)
        #expect(first < size / 20, "first document emitted after reading \(first) of \(size) bytes")
    }

    @Test func peakMemoryGrowsFarLessThanTheFile() throws {
        // ~16 MB of XML. A whole-tree parse (xmlReadFile) of this file raises peak RSS by ~150 MB;
        // streaming stays within a few MB. The bound (the file size) leaves room for tests running in parallel.
        let url = try Self.syntheticVolume(documents: 3000)
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        guard Self.resetPeak(), let before = Self.peakResidentKB() else { return } // not Linux: nothing to measure
        var count = 0
        var passages = 0
        _ = try ArchiveReader().read(file: url) { doc in
            count += 1
            passages += doc.passages.count
        }
        let after = try #require(Self.peakResidentKB())
        #expect(count == 3000)
        #expect(passages == 3000 * 62)
        let growthKB = after - before
        print("streaming: peak RSS grew \(growthKB) KB reading a \(size / 1024) KB file")
        #expect(growthKB * 1024 < size, "peak RSS grew \(growthKB) KB reading a \(size / 1024) KB file")
    }
}
