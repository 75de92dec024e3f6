import Foundation
import GRDB
import Testing
@testable import ProjectStore

@Suite struct ProjectDatabaseTests {
    @Test func schemaVersionIsTheLastMigrationInTheOrderTheyRun() throws {
        let db = try ProjectDatabase.inMemory()
        let registered = ProjectMigrations.migrator.migrations
        #expect(try db.schemaVersion() == registered.last, "not the alphabetically last name (v4-coding)")
    }

    @Test func newProjectUsesWALForeignKeysAndMigrations() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try db.journalMode() == "wal")
        let foreignKeys = try db.writer.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        #expect(try db.schemaVersion() == ProjectMigrations.migrator.migrations.last)
        let tables = try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type='table'") }
        for table in ["import_batch", "document", "passage", "passage_fts", "glossary_entry", "passage_link"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func openingAMissingProjectWithoutCreateIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nope-\(UUID()).sqlite").path
        #expect(throws: StoreError.projectNotFound(path: path)) { try ProjectDatabase.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func openingANonDatabaseFileIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try TestSupport.write(String(repeating: "not a database ", count: 100), named: "x.sqlite", in: dir)
        #expect(throws: StoreError.notAProject(path: url.path)) { try ProjectDatabase.open(path: url.path) }
    }

    @Test func reopeningKeepsDataAndSchema() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let version = try db.schemaVersion()
        let again = try ProjectDatabase.open(path: db.path)
        #expect(try again.schemaVersion() == version)
    }
}

extension ProjectDatabaseTests {
    /// A project from before `i13-staged-coding-import` keeps every coding, finished unit and event:
    /// the views show the same rows the tables held, the log's ids go on from where they were, and
    /// its append-only triggers guard the storage table.
    @Test func codingTablesBecomeViewsWithTheSameRows() throws {
        let migrator = ProjectMigrations.migrator
        let names = migrator.migrations
        let mine = try #require(names.firstIndex(of: "i13-staged-coding-import"))
        var config = Configuration()
        config.foreignKeysEnabled = false // the rows below name parents this test does not create
        let queue = try DatabaseQueue(configuration: config)
        try migrator.migrate(queue, upTo: names[mine - 1])
        try queue.write { db in
            for i in 1...3 {
                try db.execute(sql: """
                    INSERT INTO coding (round_id, coder, passage_id, case_id, criterion_id, span_start, span_end, quote, note, test,
                                        attributes, created_at, origin, direction)
                    VALUES (1, 'ana', ?, 'GULF-1990/EGY', 'WIR.link', 0, 4, 'text', NULL, NULL, '{}', '2026-11-29 10:00:00.000', 'cli', 'supports')
                    """, arguments: [i])
                try db.execute(sql: """
                    INSERT INTO audit_event (at, who, action, entity, entity_id, round_id, detail) VALUES ('2026-11-29 10:00:00.000', 'ana', 'coding.add', 'coding', ?, 1, '{}')
                    """, arguments: ["\(i)"])
            }
            try db.execute(sql: "UPDATE coding SET retracted_at = '2026-11-29 11:00:00.000', retraction_reason = 'x' WHERE id = 2")
            try db.execute(sql: "INSERT INTO unit_done (round_id, coder, passage_id, case_id, done_at) VALUES (1, 'ana', 1, 'GULF-1990/EGY', '2026-11-29 10:00:00.000')")
        }
        func rows(_ db: Database) throws -> [String] {
            try ["coding ORDER BY id", "unit_done ORDER BY passage_id", "audit_event ORDER BY id"].flatMap { from in
                try Row.fetchAll(db, sql: "SELECT * FROM \(from)").map { "\(from): \($0)" }
            }
        }
        let before = try queue.read(rows)
        try migrator.migrate(queue)
        try queue.read { db in
            #expect(try rows(db) == before)
            for view in ["coding", "unit_done", "audit_event"] {
                #expect(try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = ?", arguments: [view]) == "view")
            }
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event_store' ORDER BY name")
            #expect(triggers == ["audit_event_no_delete", "audit_event_no_replace", "audit_event_no_update"])
        }
        try queue.write { db in
            try AuditLog.record(db, who: "ana", action: "unit.done", entity: "unit", id: "1/GULF-1990/EGY", detail: ["origin": "cli"])
            #expect(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM audit_event") == 4)
        }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_event_store WHERE id = 1") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "INSERT INTO coding (round_id) VALUES (1)") } }
    }
}
