import Foundation
import Testing
@testable import ArchiveIngest

/// Every FRUS document whose source note carries a classification word gets a classification.
///
/// Volumes read: every FRUS TEI file under `../shared/corpus` (whole volumes, excerpts, edge files),
/// plus whole volumes of the 95-volume series: a fixed sample of `SeriesSample.names`, decompressed
/// with `xz` into a temporary folder, or every `*.xml` in `DOSSIER_FRUS_SERIES` when that variable
/// names a folder (`Benchmarks/classification/run.sh` unpacks all 95 and sets it). The readers are
/// streamed with no database, so the sample stays quick.
@Suite("Classification coverage over the FRUS corpus", .enabled(if: Corpus.exists))
struct ClassificationCoverageTests {
    /// Whole series volumes of different decades and shapes, read by default.
    enum SeriesSample {
        static let names = ["frus1948v01p2", "frus1951v07p2", "frus1952-54Guat", "frus1955-57v01", "frus1958-60v07p1",
                            "frus1961-63v03", "frus1964-68v29p1", "frus1969-76v12", "frus1969-76ve05p1", "frus1977-80v21"]
    }

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

    /// The series volumes to read, and a folder to delete afterwards (nil when none was made).
    static func seriesVolumes() throws -> ([URL], URL?) {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["DOSSIER_FRUS_SERIES"], !dir.isEmpty {
            let files = try fm.contentsOfDirectory(at: URL(fileURLWithPath: dir), includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path }
            return (files, nil)
        }
        let series = Corpus.url("frus/series")
        guard let xz = ["/usr/bin/xz", "/bin/xz", "/usr/local/bin/xz"].first(where: { fm.isExecutableFile(atPath: $0) }),
              fm.fileExists(atPath: series.path) else {
            print("classification coverage: series sample skipped (no xz or no frus/series folder)")
            return ([], nil)
        }
        let tmp = fm.temporaryDirectory.appendingPathComponent("dossier-series-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        var out: [URL] = []
        for name in SeriesSample.names {
            let source = series.appendingPathComponent(name + ".xml.xz")
            guard fm.fileExists(atPath: source.path) else { continue }
            let target = tmp.appendingPathComponent(name + ".xml")
            _ = fm.createFile(atPath: target.path, contents: nil)
            let handle = try FileHandle(forWritingTo: target)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: xz)
            p.arguments = ["-dc", source.path]
            p.standardOutput = handle
            try p.run()
            p.waitUntilExit()
            try handle.close()
            if p.terminationStatus == 0 { out.append(target) }
        }
        return (out, tmp)
    }

    @Test func everySourceNoteWithAClassificationWordHasAClassification() throws {
        let (series, tmp) = try Self.seriesVolumes()
        defer { if let tmp { try? FileManager.default.removeItem(at: tmp) } }
        var volumes = 0, documents = 0, withWord = 0
        var missing: [String] = []
        // DOSSIER_CLASSIFICATION_DUMP=FILE writes every parsed note (TSV) for review.
        var dump = ""
        let dumpPath = ProcessInfo.processInfo.environment["DOSSIER_CLASSIFICATION_DUMP"]
        for url in Self.corpusVolumes() + series {
            guard let (summary, docs) = try? Fixture.read(url), summary.format == .frus else { continue }
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
        if let dumpPath { try dump.write(toFile: dumpPath, atomically: true, encoding: .utf8) }
        let share = withWord == 0 ? 0 : Double(missing.count) / Double(withWord)
        print("classification coverage: \(volumes) volumes, \(documents) documents, \(withWord) source notes with a classification word, \(missing.count) without a classification (share \(share))")
        #expect(volumes >= 5 + (series.isEmpty ? 0 : series.count))
        #expect(withWord > 0)
        #expect(missing.isEmpty, "\(missing.count) of \(withWord): \(missing.prefix(20).joined(separator: "\n"))")
    }
}
