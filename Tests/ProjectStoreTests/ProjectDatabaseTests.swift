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
