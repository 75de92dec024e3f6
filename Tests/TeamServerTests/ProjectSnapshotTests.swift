import Foundation
import GRDB
import ProjectStore
import Testing
@testable import TeamServer

/// The snapshot a lead publishes carries the corpus, codebook, register, coders, rounds and
/// assignments, and nothing anyone coded.
@Suite struct ProjectSnapshotTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func sampleProject() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("p.sqlite").path
        _ = try SampleProject(root: Self.repoRoot, databasePath: path).build()
        return path
    }

    @Test func holdsTheCorpusAndNobodysWork() throws {
        let path = try sampleProject()
        let original = try DatabaseQueue(path: path)
        let before = try original.read { db in
            (codings: try Int.fetchOne(db, sql: "SELECT count(*) FROM coding")!,
             passages: try Int.fetchOne(db, sql: "SELECT count(*) FROM passage")!,
             events: try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event")!)
        }
        try original.close()
        #expect(before.codings > 0 && before.events > 0, "the sample project has work to leave out")
        let snapshot = try ProjectSnapshot.make(projectAt: path)
        #expect(snapshot.passages == before.passages && snapshot.documents > 0)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString).sqlite")
        try snapshot.bytes.write(to: copy)
        let db = try DatabaseQueue(path: copy.path)
        try db.read { db in
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'passage_fts%' AND name != 'grdb_migrations'")
            where !ProjectSnapshot.publishedTables.contains(table) {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == 0, "\(table) is emptied")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM passage") == before.passages)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM coder")! >= 2)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'debt'")! > 0, "search works in the copy")
            let triggers = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")!
            #expect(triggers > 0, "the project's guards (append-only audit log, role checks) are kept")
        }
        // The copy opens as a project, and the original is untouched.
        _ = try ProjectDatabase.open(path: copy.path)
        let after = try DatabaseQueue(path: path)
        #expect(try after.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM coding") } == before.codings)
    }

    @Test func theSameProjectGivesTheSameHashAndAChangeAnother() throws {
        let path = try sampleProject()
        let first = try ProjectSnapshot.make(projectAt: path)
        let second = try ProjectSnapshot.make(projectAt: path)
        #expect(first.contentHash == second.contentHash)
        let database = try ProjectDatabase.open(path: path)
        _ = try CodingStore(database: database).addCoder(handle: "newcomer", name: "New Comer", role: .coder)
        #expect(try ProjectSnapshot.make(projectAt: path).contentHash != first.contentHash, "a new coder is a new version")
    }
}
