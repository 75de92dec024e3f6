import Foundation
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
        let file = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end,done\n" + rows.joined(separator: "\n"),
                                         named: "big.csv", in: dir)
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
        let file = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end,done\n" + rows.joined(separator: "\n"),
                                         named: "big.csv", in: dir)
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
        let file = try TestSupport.write("coder,round,passage,case,criterion,span_start,span_end,done\n" + rows.joined(separator: "\n"),
                                         named: "big.csv", in: dir)
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
