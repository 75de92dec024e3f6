import ArchiveIngest
import Foundation
import GRDB
import Testing
@testable import ProjectStore

@Suite struct StorageTests {
    @Test func rawTextIsStoredOnlyWhereItDiffersAndReadsBackWhole() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        var parsed: [ParsedPassage] = []
        for file in try ArchiveImporter.expand(paths: [TestSupport.samples.path]) {
            #expect(ArchiveImporter(database: db).importFile(file).status == .imported)
            _ = try ArchiveReader().read(file: file) { parsed += $0.passages }
        }
        let stored = try db.writer.read { try PassageRecord.order(Column("id")).fetchAll($0) }
        #expect(stored.map(\.rawText) == parsed.map(\.rawText))
        #expect(stored.map(\.text) == parsed.map(\.text))
        let duplicated = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM passage WHERE raw_text = text AND text != ''") }
        #expect(duplicated == 0)
    }

    @Test func aBatchLeftByADeadImportIsDiscardedAndOneStillRunningIsLeftAlone() throws {
        let (db, dir) = try TestSupport.temporaryProject()
        defer { try? FileManager.default.removeItem(at: dir) }
        let importer = ArchiveImporter(database: db)
        let files = try ArchiveImporter.expand(paths: [TestSupport.samples.path])
        #expect(importer.importFile(files[0]).status == .imported)
        let before = try TestSupport.snapshot(db)
        let host = ProcessInfo.processInfo.hostName
        // A process that has exited: its pid is free (or reused by something that is not us, which
        // `kill(pid, 0)` cannot tell apart; a pid above pid_max is never alive).
        let dead = "4194305@\(host)"
        let running = "\(getpid())@\(host)"
        func stage(owner: String) throws -> Int64 {
            try db.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO import_batch (path, sha256, size, format, started_at, status, owner)
                    VALUES ('/x.xml', 'abc', 1, 'frus', ?, 'staging', ?)
                    """, arguments: [Date(), owner])
                let batch = db.lastInsertedRowID
                try db.execute(sql: """
                    INSERT INTO document (identity, version, is_current, batch_id, source_path, source_sha256, format, doc_key,
                                          authors, recipients, handling, context, extra, content_hash, passage_count, char_count)
                    VALUES ('file:/x.xml#\(batch)', 1, 0, ?, '/x.xml', 'abc', 'text', 'k', '[]', '[]', '[]', '[]', '{}', 'h', 1, 5)
                    """, arguments: [batch])
                let document = db.lastInsertedRowID
                try db.execute(sql: """
                    INSERT INTO passage (document_id, ordinal, kind, text, raw_text, start_offset, end_offset, anchor)
                    VALUES (?, 0, 'paragraph', 'hello', '', 0, 5, 'p0')
                    """, arguments: [document])
                try db.execute(sql: "INSERT INTO passage_fts(rowid, text) VALUES (?, 'hello')", arguments: [db.lastInsertedRowID])
                return batch
            }
        }
        let abandoned = try stage(owner: dead)
        let live = try stage(owner: running)
        #expect(try ProjectCheck.run(db).problems.map(\.message).contains { $0.contains("import batch \(abandoned)") })
        #expect(try importer.recoverAbandonedImports() == [abandoned])
        let remaining = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM import_batch WHERE finished_at IS NULL") }
        #expect(remaining == [live])
        try importer.discard(batchId: live)
        #expect(try TestSupport.snapshot(db) == before)
        #expect(try ProjectCheck.run(db).problems == [])
    }
}
