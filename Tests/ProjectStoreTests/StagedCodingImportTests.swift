import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// `code import` stages its rows under a coding batch that no reader sees until one short
/// transaction publishes it (see ``CodingBatch``).
@Suite struct StagedCodingImportTests {
    /// What every reader sees of ana's work: her codings, finished units and log events.
    static func visible(_ store: CodingStore) throws -> [Int] {
        [try store.codings(round: "rel-1", viewer: "ana").count,
         try store.doneUnits(round: "rel-1", as: Viewer("ana")).count,
         try AuditLog.events(store.database, as: Viewer("ana")).filter { ["coding.add", "unit.done"].contains($0.action) }.count]
    }

    static func stored(_ database: ProjectDatabase, _ sql: String) throws -> Int {
        try database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    @Test func stagedRowsAreInvisibleUntilTheBatchIsPublished() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = CodingCSVImporterBulkTests.rows(units[0], count: 3000, length: try CodingCSVImporterBulkTests.passageLength(units[0], sample))
        let file = try CodingCSVImporterBulkTests.csvFile(rows, in: dir)
        let database = sample.database
        let before = try Self.visible(store)
        let events = try AuditLog.events(database).count
        let codings = try Self.stored(database, "SELECT count(*) FROM coding")
        let seen = Box()
        var importer = CodingCSVImporter(store: store)
        importer.afterStagingTransaction = { @Sendable () throws -> Void in
            // Staged and not yet published: stored, and nowhere to be seen.
            #expect(try Self.stored(database, "SELECT count(*) FROM coding_store WHERE batch_id > 0") > 0)
            #expect(try Self.stored(database, "SELECT count(*) FROM coding_batch WHERE published_at IS NULL") == 1)
            #expect(try Self.visible(store) == before)
            #expect(try AuditLog.events(database).count == events)
            #expect(try Self.stored(database, "SELECT count(*) FROM coding") == codings)
            // The log's continuity holds while events are staged, and nothing is reported as debris.
            #expect(try ProjectCheck.run(database).problems == [])
            seen.value += "."
        }
        let result = try importer.importFile(file)
        #expect(!seen.value.isEmpty, "no staging transaction ran")
        #expect(result.added == 3000)
        #expect(try Self.visible(store) == [before[0] + 3000, before[1] + 1, before[2] + 3001])
        #expect(try Self.stored(database, "SELECT count(*) FROM coding_batch WHERE status = 'published' AND codings = 3000 AND units_done = 1") == 1)
        #expect(try ProjectCheck.run(database).problems == [])
        // The log reads as if the rows had been written directly: one coding.add per coding, whose
        // detail is the coding as the encoder writes it.
        let coding = try #require(try store.codings(round: "rel-1", viewer: "ana").first)
        let detail = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_event WHERE action = 'coding.add' AND entity_id = ?", arguments: ["\(coding.id!)"])
        }
        #expect(detail == String(decoding: try AuditLog.makeEncoder().encode(coding), as: UTF8.self))
    }

    /// The importing coder's own work arriving while the file is being staged: the staged batch is
    /// discarded (its rows removed) and the file checked and staged again, so nothing is stored twice.
    @Test func aConflictingWriteDuringStagingDiscardsTheBatchAndChecksAgain() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = CodingCSVImporterBulkTests.rows(units[0], count: 3000, length: try CodingCSVImporterBulkTests.passageLength(units[0], sample))
        let file = try CodingCSVImporterBulkTests.csvFile(rows, in: dir)
        let before = try Self.visible(store)
        let calls = Box()
        var importer = CodingCSVImporter(store: store)
        importer.afterStagingTransaction = { @Sendable () throws -> Void in
            calls.value += "."
            guard calls.value == "." else { return }
            // The file's first row, written by ana herself meanwhile.
            try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.link", span: 0..<1))
        }
        let result = try importer.importFile(file)
        #expect(result.added == 2999)
        #expect(result.skipped == 1)
        #expect(try Self.visible(store) == [before[0] + 3000, before[1] + 1, before[2] + 3001])
        let database = sample.database
        #expect(try Self.stored(database, "SELECT count(*) FROM coding_batch WHERE status = 'discarded'") == 1)
        #expect(try Self.stored(database, "SELECT count(*) FROM coding_batch WHERE status = 'published'") == 1)
        #expect(try Self.stored(database, """
            SELECT count(*) FROM coding_store WHERE batch_id IN (SELECT id FROM coding_batch WHERE status = 'discarded')
            """) == 0)
        #expect(try ProjectCheck.run(database).problems == [])
    }

    /// A batch left unpublished by an import that died (its process is gone) stays invisible,
    /// `check` names it, and the next `code import` removes its rows.
    @Test func anAbandonedBatchIsInvisibleAndTheNextImportRemovesIt() throws {
        let (sample, store, units) = try openRoundProject()
        let database = sample.database
        let before = try Self.visible(store)
        // A process that has exited: its pid names nobody.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let owner = "\(gone.processIdentifier)@\(ProcessInfo.processInfo.hostName)"
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO coding_batch (path, owner, started_at, status) VALUES ('dead.csv', ?, ?, 'staging')",
                           arguments: [owner, Date()])
            let batch = db.lastInsertedRowID
            let round = try Int64.fetchOne(db, sql: "SELECT id FROM coding_round WHERE name = 'rel-1'")!
            for start in 0..<50 {
                try db.execute(sql: """
                    INSERT INTO coding_store (round_id, coder, passage_id, case_id, criterion_id, span_start, span_end, attributes,
                                              created_at, origin, batch_id)
                    VALUES (?, 'ana', ?, ?, 'WIR.link', ?, ?, '{}', ?, 'csv:dead.csv', ?)
                    """, arguments: [round, units[0].passageId, units[0].caseId, start, start + 1, Date(), batch])
                try AuditLog.recordCodingAdd(db, codingId: db.lastInsertedRowID, at: Date().databaseValue)
            }
            try db.execute(sql: "INSERT INTO unit_done_store (round_id, coder, passage_id, case_id, done_at, batch_id) VALUES (?, 'ana', ?, ?, ?, ?)",
                           arguments: [round, units[0].passageId, units[0].caseId, Date(), batch])
        }
        #expect(try Self.visible(store) == before)
        #expect(try Self.stored(database, "SELECT count(*) FROM audit_event_store WHERE batch_id > 0") == 50)
        let problems = try ProjectCheck.run(database).problems
        #expect(problems.map(\.message) == ["coding batch 1 (dead.csv) was never published; the next `code import` removes its rows."])

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end\nana,rel-1,\(units[0].passageId),\(units[0].caseId),WIR.link,0,1\n",
                                         named: "one.csv", in: dir)
        let result = try CodingCSVImporter(store: store).importFile(file)
        #expect(result.added == 1)
        #expect(try Self.stored(database, "SELECT count(*) FROM coding_store WHERE batch_id = 1") == 0)
        #expect(try Self.stored(database, "SELECT count(*) FROM unit_done_store WHERE batch_id = 1") == 0)
        #expect(try Self.stored(database, "SELECT count(*) FROM coding_batch WHERE id = 1 AND status = 'discarded'") == 1)
        #expect(try Self.visible(store) == [before[0] + 1, before[1], before[2] + 1])
        // The abandoned batch's events stay in the append-only log's storage, hidden: the log has
        // no gap, and `check` finds nothing wrong.
        #expect(try Self.stored(database, "SELECT count(*) FROM audit_event_store WHERE batch_id = 1") == 50)
        #expect(try ProjectCheck.run(database).problems == [])
    }

    /// A published batch cannot be hidden again, nor its rows' events removed.
    @Test func aPublishedBatchStaysPublished() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end\nana,rel-1,\(units[0].passageId),\(units[0].caseId),WIR.link,0,1\n",
                                         named: "one.csv", in: dir)
        _ = try CodingCSVImporter(store: store).importFile(file)
        let database = sample.database
        #expect(throws: DatabaseError.self) {
            try database.writer.write { try $0.execute(sql: "UPDATE coding_batch SET published_at = NULL") }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { try $0.execute(sql: "DELETE FROM coding_batch") }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { try $0.execute(sql: "DELETE FROM audit_event_store WHERE batch_id > 0") }
        }
        #expect(try Self.visible(store)[0] == 1)
    }
}
