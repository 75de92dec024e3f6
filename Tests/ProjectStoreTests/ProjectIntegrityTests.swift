import ArchiveIngest
import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// The sample project (round rel-1 closed and adjudicated) in a file, in a fresh temporary folder.
private func sampleProjectFile() throws -> (ProjectDatabase, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let sample = try SampleProject(root: TestSupport.repoRoot, databasePath: dir.appendingPathComponent("project.sqlite").path)
    try sample.build()
    return (sample.database, dir)
}

private func fileHash(_ path: String) throws -> String {
    ContentHash.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite struct ProjectIntegrityTests {
    @Test func readingOpensReadOnlyAndNeverChangesTheFile() throws {
        let dir: URL
        let path: String
        do {
            let (db, d) = try sampleProjectFile()
            dir = d
            path = db.path
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        // The pool above is closed: SQLite checkpointed and removed the -wal file, the state in
        // which GRDB's read-write opening writes (a table created and dropped) to recreate it.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let before = try fileHash(path)
        do {
            let reader = try ProjectDatabase.openForReading(path: path)
            #expect(reader.isReadOnly)
            #expect(try DocumentCatalog(database: reader).documents().count > 0)
            #expect(try CodingStore(database: reader).codings(round: SampleProject.round, viewer: "lee").count > 0)
            #expect(throws: DatabaseError.self) {
                try reader.writer.write { try $0.execute(sql: "DELETE FROM coder") }
            }
        }
        #expect(try fileHash(path) == before)
    }

    @Test func aProjectOnReadOnlyMediaCanBeRead() throws {
        let (db, dir) = try sampleProjectFile()
        defer {
            _ = chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let copyDir = dir.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: copyDir, withIntermediateDirectories: true)
        let copy = copyDir.appendingPathComponent("copy.sqlite").path
        _ = try ProjectBackup.backup(db, to: copy, as: Viewer("lee"))
        // A chmod'ed copy stands for read-only media (no -shm can be created beside the file).
        #expect(chmod(copy, 0o444) == 0)
        #expect(chmod(copyDir.path, 0o555) == 0)
        defer { _ = chmod(copyDir.path, 0o755) }
        let before = try fileHash(copy)
        let reader = try ProjectDatabase.openForReading(path: copy)
        #expect(try CodingStore(database: reader).coders().map(\.handle) == ["ana", "ben", "lee"])
        #expect(try CodingStore(database: reader).codings(round: SampleProject.round, viewer: "ana").count > 0)
        #expect(try fileHash(copy) == before)
        if getuid() == 0 {
            // Root ignores permissions, so also open the copy the way read-only media force: immutable.
            let immutable = try DatabasePool(path: ProjectDatabase.immutableURI(copy), configuration: {
                var c = ProjectDatabase.configuration(); c.readonly = true; return c
            }())
            #expect(try immutable.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM coder") } == 3)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: copyDir.path).filter { !$0.hasPrefix("copy.sqlite") }.isEmpty)
    }

    @Test func theAuditLogRefusesInsertOrReplace() throws {
        let (db, dir) = try sampleProjectFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try #require(try AuditLog.events(db).first)
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in
                try db.execute(sql: """
                    INSERT OR REPLACE INTO audit_event (id, at, who, action, entity, entity_id) VALUES (?, ?, 'x', 'forged', 'coding', '1')
                    """, arguments: [first.id, Date()])
            }
        }
        #expect(throws: DatabaseError.self) {
            try db.writer.write { db in
                try db.execute(sql: "REPLACE INTO audit_event (id, at, who, action, entity, entity_id) VALUES (?, ?, 'x', 'forged', 'coding', '1')",
                               arguments: [first.id, Date()])
            }
        }
        #expect(try AuditLog.events(db).first?.action == first.action)
        // New events (no id given) are still appended.
        try db.writer.write { try AuditLog.record($0, who: "-", action: "test", entity: "test", id: "1", detail: ["a": "b"]) }
        #expect(try AuditLog.events(db).last?.action == "test")
    }

    @Test func codebookAndRegisterLoadsAreLogged() throws {
        let (db, dir) = try sampleProjectFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let events = try AuditLog.events(db)
        let codebook = try #require(events.first { $0.action == "codebook.load" })
        #expect(codebook.entityId == "buying-allies r1")
        #expect(codebook.detail?.contains("\"sha256\"") == true)
        let register = try #require(events.first { $0.action == "register.load" })
        #expect(register.detail?.contains("\"cases\"") == true)
        // Loading the same codebook again adds no revision and no event.
        _ = try CodebookStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml"))
        #expect(try AuditLog.events(db).filter { $0.action == "codebook.load" }.count == 1)
    }

    @Test func backupIsConsistentWhileCodersWrite() throws {
        let (db, dir) = try sampleProjectFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CodingStore(database: db)
        _ = try store.createRound(name: "open-1", purpose: .production, codebook: try CodebookStore(database: db).version())
        let passages = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM passage ORDER BY id LIMIT 200") }
        // Another process's coder writes one coding per transaction while the backup runs.
        let writer = try ProjectDatabase.open(path: db.path)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let other = CodingStore(database: writer)
            for p in passages {
                _ = try? other.add(.init(coder: "ana", round: "open-1", unit: CodingUnit(passageId: p, caseId: "KOREA-1950/COL"),
                                         criterion: "WIR.link"))
            }
            done.signal()
        }
        let dest = dir.appendingPathComponent("backup.sqlite").path
        let result = try ProjectBackup.backup(db, to: dest, as: Viewer("lee"))
        done.wait()
        #expect(result.bytes > 0)
        #expect(!FileManager.default.fileExists(atPath: dest + "-wal"))
        let copy = try ProjectDatabase.openForReading(path: dest)
        #expect(try ProjectCheck.run(copy).problems == [])
        // The copy is one snapshot: each coding in it has its audit event, and it holds a prefix of the writes.
        let copied = try copy.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM coding WHERE origin = 'cli'") } ?? -1
        #expect(copied >= 0 && copied <= passages.count)
        #expect(throws: StoreError.self) { try ProjectBackup.backup(db, to: dest, as: Viewer("lee")) }
        #expect(try ProjectBackup.backup(db, to: dest, as: Viewer("lee"), overwrite: true).bytes > 0)
    }

    @Test func backupIsALeadsActionDuringABlindRound() throws {
        let (_, store, _) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let dest = dir.appendingPathComponent("b.sqlite").path
        #expect(throws: CodingError.self) { try ProjectBackup.backup(store.database, to: dest, as: .anonymous) }
        #expect(throws: CodingError.self) { try ProjectBackup.backup(store.database, to: dest, as: Viewer("ana")) }
        #expect(!FileManager.default.fileExists(atPath: dest))
        #expect(try ProjectBackup.backup(store.database, to: dest, as: Viewer("lee")).bytes > 0)
    }

    @Test func checkPassesASoundProjectAndListsWhatIsWrong() throws {
        let (db, dir) = try sampleProjectFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sound = try ProjectCheck.run(db)
        #expect(sound.problems == [])
        #expect(sound.checks == ["integrity", "foreign-keys", "orphans", "audit", "fts"])

        // Tamper the way a careless script would: triggers and foreign keys off.
        let raw = try DatabaseQueue(path: db.path)
        try raw.writeWithoutTransaction { r in
            try r.execute(sql: "PRAGMA foreign_keys = OFF")
            try r.execute(sql: "DROP TRIGGER audit_event_no_delete")
            try r.execute(sql: "DELETE FROM audit_event_store WHERE id IN (3, 4)")
            let coding = try Int64.fetchOne(r, sql: "SELECT MIN(id) FROM coding")!
            try r.execute(sql: "DELETE FROM audit_event_store WHERE action = 'coding.add' AND entity_id = ?", arguments: ["\(coding)"])
            try r.execute(sql: "INSERT INTO passage_link (passage_id, kind, ref, surface) VALUES (987654, 'persName', 'p1', 'x')")
            // A passage removed without its full-text entry (the FTS trigger dropped first).
            try r.execute(sql: "DROP TRIGGER passage_fts_ad")
            let orphan = try Int64.fetchOne(r, sql: "SELECT MAX(id) FROM passage")!
            try r.execute(sql: "DELETE FROM passage_link WHERE passage_id = ?", arguments: [orphan])
            try r.execute(sql: "DELETE FROM passage WHERE id = ?", arguments: [orphan])
        }
        try raw.close()
        let report = try ProjectCheck.run(db)
        let checks = Set(report.problems.map(\.check))
        #expect(checks == ["foreign-keys", "orphans", "audit", "fts"], "\(report.problems)")
        let text = report.problems.map(\.message).joined(separator: "\n")
        #expect(text.contains("audit_event_no_delete is missing"))
        #expect(text.contains("audit events 3–4 are missing"))
        #expect(text.contains("has no coding.add event"))
        #expect(text.contains("passage_link row"))
        #expect(!text.contains("ana") && !text.contains("ben"))

        // A read-only opening of the writable file (as `dossier check` opens it) runs the same
        // checks, the FTS5 one in a rolled-back write, and leaves the file's bytes as they were.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db.path))
        let wal = try? Data(contentsOf: URL(fileURLWithPath: db.path + "-wal"))
        let readOnly = try ProjectDatabase.openForReading(path: db.path)
        let again = try ProjectCheck.run(readOnly)
        #expect(again.checks == sound.checks)
        #expect(again.skipped == [])
        #expect(Set(again.problems.map(\.check)) == checks)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == bytes)
        #expect((try? Data(contentsOf: URL(fileURLWithPath: db.path + "-wal"))) == wal)
    }
}
