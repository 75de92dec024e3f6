import Foundation
import Testing

/// `d47` is the one reference with two meanings (document id 47, or FRUS document 47 of a volume).
/// Every command that takes a document (`cite`, `documents show`, `assign --documents`, `documents retire`) reads it the
/// same way (and `documents retire`): never as a database row when a FRUS document of that number exists, and always saying
/// on stderr which reading it took.
@Suite(.serialized) struct DocumentReferenceTests {
    static let corpus = ProcessInfo.processInfo.environment["DOSSIER_CORPUS"].map { URL(fileURLWithPath: $0) }
        ?? CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// A project holding the real FRUS document frus1964-68v02/d228 (document id 1), then the
    /// three-document teaching volume (d1, d2, d3 as document ids 2, 3, 4): so `d2` could be
    /// document id 2 (the volume's d1) or the volume's d2 (document id 3).
    static func project(in dir: URL) throws -> String {
        let db = dir.appendingPathComponent("p.sqlite").path
        let real = corpus.appendingPathComponent("frus/frus1964-68v02_d228.xml").path
        let sample = CLI.repoRoot.appendingPathComponent("Imports/transcripts/korea-1950-sample-volume.xml").path
        for file in [real, sample] {
            let r = try CLI.run(["import", "--db", db, "--no-progress", file])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return db
    }

    static func ids(_ db: String) throws -> [String: Int] {
        let r = try CLI.run(["documents", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        var out: [String: Int] = [:]
        for row in rows {
            if let id = row["id"] as? Int, let v = row["volumeId"] as? String ?? row["volume_id"] as? String,
               let k = row["key"] as? String { out["\(v)/\(k)"] = id }
        }
        return out
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent"))
    func d47NeverSilentlyMeansARow() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Self.project(in: dir)
        let ids = try Self.ids(db)
        #expect(ids["frus1964-68v02/d228"] == 1, "\(ids)")
        #expect(ids["dossier-sample-korea/d1"] == 2 && ids["dossier-sample-korea/d2"] == 3 && ids["dossier-sample-korea/d3"] == 4, "\(ids)")

        // Only one volume has a d228 and there is no document id 228: FRUS document 228, said so.
        let d228 = try CLI.run(["cite", "--db", db, "d228"])
        #expect(d228.status == 0, "\(d228.stderr)")
        #expect(d228.stdout.contains("Document 228"))
        #expect(d228.stderr.contains("d228 read as FRUS document frus1964-68v02/d228 (document id 1)"), "\(d228.stderr)")

        // d2: document id 2 is the sample's d1, and the sample has a d2: refused, both readings listed.
        for args in [["cite", "--db", db, "d2"], ["documents", "show", "--db", db, "d2"],
                     ["documents", "retire", "--db", db, "d2", "--reason", "wrong file"]] {
            let r = try CLI.run(args)
            #expect(r.status != 0, "\(args): \(r.stdout)")
            #expect(r.stderr.contains("ambiguous"), "\(r.stderr)")
            #expect(r.stderr.contains("document id 2 (write 2)") && r.stderr.contains("dossier-sample-korea/d2"), "\(r.stderr)")
            #expect(!r.stdout.contains("Colombia"))
        }

        // The unambiguous forms: the id alone, VOLUME/DOCID, the passage form.
        let byId = try CLI.run(["cite", "--db", db, "2"])
        #expect(byId.status == 0 && byId.stderr.contains("read as document id 2, FRUS dossier-sample-korea/d1"), "\(byId.stderr)")
        #expect(byId.stdout.contains("Document 1"))
        let byKey = try CLI.run(["cite", "--db", db, "dossier-sample-korea/d2"])
        #expect(byKey.status == 0 && byKey.stderr.contains("read as FRUS document dossier-sample-korea/d2 (document id 3)"), "\(byKey.stderr)")
        #expect(byKey.stdout.contains("Document 2"))
        let shown = try CLI.run(["documents", "show", "--db", db, "frus1964-68v02/d228"])
        #expect(shown.status == 0 && shown.stderr.contains("read as FRUS document"), "\(shown.stderr)")

        // d4: no volume has a d4, so it can only be document id 4, and the message says why.
        let d4 = try CLI.run(["cite", "--db", db, "d4"])
        #expect(d4.status == 0, "\(d4.stderr)")
        #expect(d4.stderr.contains("read as document id 4, FRUS dossier-sample-korea/d3: no FRUS document is called d4"), "\(d4.stderr)")

        // Neither meaning exists.
        let none = try CLI.run(["cite", "--db", db, "d999"])
        #expect(none.status != 0 && none.stderr.contains("d999"))
    }
}
