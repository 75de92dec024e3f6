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
