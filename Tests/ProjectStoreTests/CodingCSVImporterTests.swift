import Foundation
import GRDB
import Testing
@testable import ProjectStore

@Suite struct CodingCSVImporterTests {
    @Test func sampleCodingsImportWholeAndReimportAddsNothing() throws {
        let sample = try SampleProject(root: TestSupport.repoRoot)
        try sample.build(adjudicate: false)
        let store = CodingStore(database: sample.database)
        #expect(try store.doneUnits(round: SampleProject.round).count == 82)
    }

    @Test func everyBadRowIsReportedByRowAndColumnAndNothingIsImported() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = units[0].passageId
        let csv = """
            coder,round,passage,case,criterion,span_start,span_end,note,done
            ana,rel-1,\(p),KOREA-1950/COL,WIR.volunteered,,,ok,yes
            zed,rel-1,\(p),KOREA-1950/COL,WIR.volunteered,,,,
            ana,rel-1,\(p),KOREA-1950/COL,NOT.a_criterion,,,,
            ana,rel-1,\(p),KOREA-1950/COL,WIR.link,5,2,,
            ana,rel-1,abc,KOREA-1950/COL,WIR.link,,,,
            ana,rel-1,\(p),KOREA-1950/COL,WIR.link,,,,maybe
            """
        let file = try TestSupport.write(csv, named: "codings.csv", in: dir)
        let before = try TestSupport.snapshot(sample.database)
        do {
            _ = try CodingCSVImporter(store: store).importFile(file)
            Issue.record("a bad file was imported")
        } catch let error as CodingImportError {
            let lines = error.problems
            #expect(lines.count == 5, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("\(file.path):3:1:") && $0.contains("zed") })
            #expect(lines.contains { $0.hasPrefix("\(file.path):4:5:") && $0.contains("NOT.a_criterion") })
            #expect(lines.contains { $0.hasPrefix("\(file.path):5:6:") })
            #expect(lines.contains { $0.hasPrefix("\(file.path):6:3:") })
            #expect(lines.contains { $0.hasPrefix("\(file.path):7:9:") })
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
    }

    @Test func paddedFieldsAreTrimmedInFilesWithAndWithoutQuotes() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = units[0].passageId, q = units[1].passageId
        // Without a quote the file is read untrimmed and padded fields are trimmed after; with
        // one, the reader trims: both give the same values.
        let plain = "coder , round,passage,case,criterion,note\n ana ,\trel-1 , \(p) ,KOREA-1950/COL\t, WIR.volunteered , first  note\u{00A0}\n"
        let quoted = "coder,round,passage,case,criterion,note\nana , rel-1,\(q),KOREA-1950/COL, WIR.volunteered ,  \"second, note\" \n"
        for (name, csv) in [("plain.csv", plain), ("quoted.csv", quoted)] {
            let result = try CodingCSVImporter(store: store).importFile(try TestSupport.write(csv, named: name, in: dir))
            #expect(result.added == 1, "\(name)")
        }
        let rows = try sample.database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT coder, criterion_id, note FROM coding WHERE passage_id IN (?, ?) ORDER BY id", arguments: [p, q])
        }
        #expect(rows.map { $0["coder"] as String } == ["ana", "ana"])
        #expect(rows.map { $0["criterion_id"] as String } == ["WIR.volunteered", "WIR.volunteered"])
        #expect(rows.map { $0["note"] as String } == ["first  note", "second, note"])
    }
}

/// Whose codings a CSV may carry: the importer's own, unless a lead or adjudicator imports it.
@Suite struct CodingCSVImporterIdentityTests {
    @Test func aCoderCannotImportRowsInAnotherCodersNameWhileTheRoundIsBlind() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let u = units[0]
        let mixed = try TestSupport.write("""
            coder,round,passage,case,criterion
            ana,rel-1,\(u.passageId),\(u.caseId),WIR.link
            ben,rel-1,\(u.passageId),\(u.caseId),WIR.volunteered
            """, named: "mixed.csv", in: dir)
        let importer = CodingCSVImporter(store: store)
        let before = try TestSupport.snapshot(sample.database)
        do {
            _ = try importer.importFile(mixed, as: Viewer("ana"))
            Issue.record("ana imported a row in ben's name in an open blind round")
        } catch let error as CodingImportError {
            #expect(error.problems.count == 1, "\(error.problems)")
            #expect(error.problems.first?.contains("mixed.csv:3:1: ana may not enter codings in ben's name: round rel-1 is blind") == true,
                    "\(error.problems)")
        }
        // Nobody in particular, or ben (for ana's row), is refused too; nothing was written.
        do {
            _ = try importer.importFile(mixed, as: .anonymous)
            Issue.record("an anonymous import went into an open blind round")
        } catch let error as CodingImportError {
            #expect(error.problems.allSatisfy { $0.contains("say who you are with --as") }, "\(error.problems)")
        }
        #expect(throws: CodingImportError.self) { try importer.importFile(mixed, as: Viewer("ben")) }
        #expect(try TestSupport.snapshot(sample.database) == before)
        // Her own rows alone, ana imports.
        let own = try TestSupport.write("coder,round,passage,case,criterion\nana,rel-1,\(u.passageId),\(u.caseId),CRC.leverage\n",
                                        named: "own.csv", in: dir)
        #expect(try importer.importFile(own, as: Viewer("ana")).added == 1)
        // An adjudicator (or a lead) imports a file in both names: work the coders sent.
        #expect(try importer.importFile(mixed, as: Viewer("lee")).added == 2)

        // Outside a blind round: a named coder still enters only their own work; without --as the
        // coder column is taken at its word, as `code add --coder` is.
        let codebook = try CodebookStore(database: sample.database).versions().first!
        _ = try store.createRound(name: "prod", purpose: .production, codebook: codebook)
        try store.assign(round: "prod", coders: ["ana", "ben"], units: [u], method: "test")
        let prod = try TestSupport.write("coder,round,passage,case,criterion\nben,prod,\(u.passageId),\(u.caseId),WIR.link\n",
                                         named: "prod.csv", in: dir)
        do {
            _ = try importer.importFile(prod, as: Viewer("ana"))
            Issue.record("ana imported a row in ben's name")
        } catch let error as CodingImportError {
            #expect(error.problems.first?.contains("only an adjudicator or a lead can import codings in another coder's name") == true,
                    "\(error.problems)")
        }
        #expect(try importer.importFile(prod, as: .anonymous).added == 1)
    }
}

/// Large files: the bulk path (cached lookups, prepared inserts) keeps the same all-or-nothing
/// checks, stays idempotent, and does not lock a coder out.
@Suite struct CodingCSVImporterBulkTests {
    /// `count` distinct rows for ana on one unit: every span (a, a + 1 + k) of the passage.
    static func rows(_ unit: CodingUnit, count: Int, length: Int, criterion: String = "WIR.link") -> [String] {
        var rows: [String] = []
        outer: for width in 1..<length {
            for start in 0..<(length - width) {
                rows.append("ana,rel-1,\(unit.passageId),\(unit.caseId),\(criterion),\(start),\(start + width),yes")
                if rows.count == count { break outer }
            }
        }
        return rows
    }

    /// `rows` under the coding CSV header, written as `big.csv` in `dir`.
    static func csvFile(_ rows: [String], in dir: URL) throws -> URL {
        try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end,done\n" + rows.joined(separator: "\n"),
                              named: "big.csv", in: dir)
    }

    static func passageLength(_ unit: CodingUnit, _ sample: SampleProject) throws -> Int {
        try sample.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT text FROM passage WHERE id = ?", arguments: [unit.passageId])!.unicodeScalars.count
        }
    }

    @Test func aBadCriterionDeepInALargeFileNamesItsRowAndLeavesTheProjectUnchanged() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = Self.rows(units[0], count: 3000, length: try Self.passageLength(units[0], sample))
        #expect(rows.count == 3000)
        rows[2499] = rows[2499].replacingOccurrences(of: "WIR.link", with: "WIR.no_such")
        let file = try Self.csvFile(rows, in: dir)
        let before = try TestSupport.snapshot(sample.database)
        do {
            _ = try CodingCSVImporter(store: store).importFile(file)
            Issue.record("a file with a bad row was imported")
        } catch let error as CodingImportError {
            // Row 1 is the header, so the 2,500th data row is CSV row 2501; criterion is column 5.
            #expect(error.problems.count == 1, "\(error.problems)")
            #expect(error.problems.first?.hasPrefix("\(file.path):2501:5:") == true, "\(error.problems)")
            #expect(error.problems.first?.contains("WIR.no_such") == true)
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
    }

    @Test func reimportingALargeFileAddsNothingAndChangesNothing() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = Self.rows(units[0], count: 1500, length: try Self.passageLength(units[0], sample))
        rows += Self.rows(units[1], count: 1500, length: try Self.passageLength(units[1], sample), criterion: "WIR.volunteered")
        // The same row twice in one file is one coding.
        rows.append(rows[0])
        let file = try Self.csvFile(rows, in: dir)
        let importer = CodingCSVImporter(store: store)
        let first = try importer.importFile(file)
        #expect(first.added == 3000)
        #expect(first.skipped == 1)
        #expect(first.unitsDone == 2)
        #expect(try store.codings(round: "rel-1", viewer: "ana").count == 3000)
        // What the bulk path wrote reads back as `code add` would have written it.
        let coding = try store.codings(round: "rel-1", viewer: "ana").first { $0.spanStart == 0 && $0.spanEnd == 1 }!
        #expect(coding.quote?.unicodeScalars.count == 1)
        #expect(coding.origin == "csv:big.csv")
        #expect(coding.attributes.isEmpty)
        // (Read directly: the log as anyone may read it hides an open blind round's events.)
        let events = try sample.database.writer.read { db in
            try AuditLog.Event.fetchAll(db, sql: "SELECT * FROM audit_event WHERE action = 'coding.add' ORDER BY id")
        }
        #expect(events.count == 3000)
        // Its audit event (built by SQLite in the bulk path) is the JSON the encoder writes for the record.
        let detail = events.first { $0.entityId == "\(coding.id!)" }?.detail
        #expect(detail == String(decoding: try AuditLog.makeEncoder().encode(coding), as: UTF8.self))
        let after = try TestSupport.snapshot(sample.database)
        let again = try importer.importFile(file)
        #expect(again.added == 0)
        #expect(again.skipped == 3001)
        #expect(again.unitsDone == 0)
        #expect(try TestSupport.snapshot(sample.database) == after)
    }

    @Test func aCodersAddDuringALargeImportSucceeds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (sample, store, units) = try openRoundProject(databasePath: dir.appendingPathComponent("p.sqlite").path)
        let rows = Self.rows(units[0], count: 4000, length: try Self.passageLength(units[0], sample))
        let file = try Self.csvFile(rows, in: dir)
        // Ben works in his own connection (as his own `dossier code add` process would) while ana's file imports.
        let bens = CodingStore(database: try ProjectDatabase.open(path: dir.appendingPathComponent("p.sqlite").path))
        let importer = CodingCSVImporter(store: store)
        let imported = ImportOutcome()
        let thread = Thread {
            imported.set(Result(catching: { try importer.importFile(file) }))
        }
        thread.start()
        var added = 0
        for unit in units.prefix(3) {
            try bens.add(.init(coder: "ben", round: "rel-1", unit: unit, criterion: "WIR.volunteered"))
            added += 1
        }
        let result = try imported.wait().get()
        #expect(result.added == 4000)
        #expect(added == 3)
        #expect(try store.codings(round: "rel-1", viewer: "ben").count == 3)
        #expect(try store.codings(round: "rel-1", viewer: "ana").count == 4000)
    }
}

extension CodingCSVImporterBulkTests {
    /// The file is checked in a read transaction, which writes nothing (not even the round's
    /// subject, which its first unit claims): only the publishing write does.
    @Test func checkingAFileWritesNothing() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = Self.rows(units[0], count: 200, length: try Self.passageLength(units[0], sample))
        let file = try Self.csvFile(rows, in: dir)
        let database = sample.database
        // A round from before rounds knew their subject: the file's first unit claims it.
        try database.writer.write { try $0.execute(sql: "UPDATE coding_round SET subject = NULL WHERE name = 'rel-1'") }
        let before = try TestSupport.snapshot(database)
        var importer = CodingCSVImporter(store: store)
        importer.beforePublish = {
            #expect(try TestSupport.snapshot(database) == before, "the check wrote to the project")
            let subject = try database.writer.read { try String.fetchOne($0, sql: "SELECT subject FROM coding_round WHERE name = 'rel-1'") }
            #expect(subject == nil)
        }
        let result = try importer.importFile(file)
        #expect(result.added == 200)
        #expect(result.unitsDone == 1)
        let subject = try sample.database.writer.read { try String.fetchOne($0, sql: "SELECT subject FROM coding_round WHERE name = 'rel-1'") }
        #expect(subject == "case")
        // The finished unit's event is the one `markDone` records.
        let event = try sample.database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT who, entity, entity_id, round_id, detail FROM audit_event WHERE action = 'unit.done'")
        }
        #expect(event?["who"] == "ana")
        #expect(event?["entity"] == "unit")
        #expect(event?["entity_id"] == "\(units[0].passageId)/\(units[0].caseId)")
        #expect(event?["detail"] == String(decoding: try AuditLog.makeEncoder().encode(["origin": "csv:big.csv"]), as: UTF8.self))
    }

    /// Another coder's work between the check and the publishing write changes nothing the file's
    /// rows depend on, so the checked rows are published as they are; the importing coder's own
    /// write meanwhile (here: the file's first coding, and a unit it marks finished) is seen, and
    /// the file is checked again inside the write, so nothing is stored twice.
    @Test func workWrittenBetweenTheCheckAndThePublishingIsAccountedFor() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = Self.rows(units[0], count: 300, length: try Self.passageLength(units[0], sample))
        let file = try Self.csvFile(rows, in: dir)
        var importer = CodingCSVImporter(store: store)
        importer.beforePublish = {
            try store.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.link", span: 0..<1))
        }
        let first = try importer.importFile(file)
        #expect(first.added == 300)
        #expect(try store.codings(round: "rel-1", viewer: "ben").count == 1)

        let second = units[1]
        let more = Self.rows(second, count: 50, length: try Self.passageLength(second, sample), criterion: "WIR.volunteered")
        let file2 = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end,done\n" + more.joined(separator: "\n"),
                                          named: "more.csv", in: dir)
        var again = CodingCSVImporter(store: store)
        again.beforePublish = {
            try store.add(.init(coder: "ana", round: "rel-1", unit: second, criterion: "WIR.volunteered", span: 0..<1))
            try store.markDone(coder: "ana", round: "rel-1", unit: second)
        }
        let result = try again.importFile(file2)
        #expect(result.added == 49)
        #expect(result.skipped == 1)
        #expect(result.unitsDone == 0)
        #expect(try store.codings(round: "rel-1", viewer: "ana").count == 350)
        let done = try sample.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit_done WHERE coder = 'ana'") }
        #expect(done == 2)
    }

    /// A round closed between the check and the publishing write: nothing is imported, and the
    /// message says why.
    @Test func aRoundClosedBeforeThePublishingWriteImportsNothing() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = Self.rows(units[0], count: 20, length: try Self.passageLength(units[0], sample))
        let file = try Self.csvFile(rows, in: dir)
        let closed = Box()
        let database = sample.database
        var importer = CodingCSVImporter(store: store)
        importer.beforePublish = {
            // Closed without an audit event, so only the round's record tells.
            try database.writer.write { db in
                try db.execute(sql: "UPDATE coding_round SET status = 'closed' WHERE name = 'rel-1'")
            }
            closed.value = try TestSupport.snapshot(database)
        }
        do {
            _ = try importer.importFile(file)
            Issue.record("rows were imported into a closed round")
        } catch let error as CodingImportError {
            #expect(error.problems.first?.contains("rel-1") == true, "\(error.problems)")
        }
        #expect(try TestSupport.snapshot(sample.database) == closed.value)
    }
}

final class Box: @unchecked Sendable {
    var value = ""
}

/// The result of an import run on another thread, for the test to wait on.
final class ImportOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<CodingCSVImporter.Result, any Error>?

    func set(_ value: Result<CodingCSVImporter.Result, any Error>) {
        condition.lock(); outcome = value; condition.broadcast(); condition.unlock()
    }

    func wait() -> Result<CodingCSVImporter.Result, any Error> {
        condition.lock(); defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome!
    }
}
