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
