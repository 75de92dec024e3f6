import Foundation
import GRDB
import Testing
@testable import ProjectStore

/// A sample project with the codebook, register and transcripts loaded and an open blind round
/// whose units are assigned, but nothing coded yet.
func openRoundProject(databasePath: String? = nil) throws -> (SampleProject, CodingStore, [CodingUnit]) {
    let sample = try databasePath.map { try SampleProject(root: TestSupport.repoRoot, databasePath: $0) }
        ?? SampleProject(root: TestSupport.repoRoot)
    let db = sample.database
    for file in try ArchiveImporter.expand(paths: [TestSupport.samples.path]) {
        _ = ArchiveImporter(database: db).importFile(file)
    }
    let codebook = try CodebookStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml")).version
    try RegisterStore(database: db).load(file: TestSupport.repoRoot.appendingPathComponent("Imports/register/buying-allies.yaml"))
    let store = CodingStore(database: db)
    try store.addCoder(handle: "ana", name: "Ana", role: .coder)
    try store.addCoder(handle: "ben", name: "Ben", role: .coder)
    try store.addCoder(handle: "lee", name: "Lee", role: .adjudicator)
    _ = try store.createRound(name: "rel-1", purpose: .reliability, codebook: codebook)
    let doc = try DocumentCatalog(database: db).resolve("dossier-sample-korea/d1")
    let (units, method) = try UnitSelector(database: db).candidates(caseId: "KOREA-1950/COL", query: nil, documentIds: [doc.id!])
    try store.assign(round: "rel-1", coders: ["ana", "ben"], units: units, method: method)
    return (sample, store, units)
}

@Suite struct CodingStoreTests {
    @Test func blindRoundHidesOtherCodersUntilALeadOrAdjudicatorClosesIt() throws {
        let (_, store, units) = try openRoundProject()
        try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered"))
        try store.add(.init(coder: "ben", round: "rel-1", unit: units[0], criterion: "WIR.link"))
        #expect(try store.codings(round: "rel-1", viewer: "ana").map(\.coder) == ["ana"])
        #expect(try store.codings(round: "rel-1", viewer: "ben").map(\.coder) == ["ben"])
        #expect(try store.codings(round: "rel-1", viewer: "lee").isEmpty)
        #expect(throws: CodingError.blind(round: "rel-1", viewer: "ana")) {
            try store.codings(round: "rel-1", viewer: "ana", coder: "ben")
        }
        #expect(throws: CodingError.blindNeedsViewer(round: "rel-1")) { try store.codings(round: "rel-1", viewer: nil) }
        #expect(throws: CodingError.self) { try store.closeRound("rel-1", by: "ana", force: true, reason: "coders cannot close") }
        _ = try store.closeRound("rel-1", by: "lee", force: true, reason: "test: most units are not coded")
        // Closed, the round is no longer blind: everyone sees everyone's codings.
        #expect(Set(try store.codings(round: "rel-1", viewer: "lee").map(\.coder)) == ["ana", "ben"])
        #expect(Set(try store.codings(round: "rel-1", viewer: "ana").map(\.coder)) == ["ana", "ben"])
    }

    @Test func badReferencesAreClearErrorsAndWriteNothing() throws {
        let (sample, store, units) = try openRoundProject()
        let before = try TestSupport.snapshot(sample.database)
        let unit = units[0]
        #expect(throws: CodingError.unknownCoder("zed")) { try store.add(.init(coder: "zed", round: "rel-1", unit: unit, criterion: "WIR.link")) }
        #expect(throws: CodingError.unknownRound("nope")) { try store.add(.init(coder: "ana", round: "nope", unit: unit, criterion: "WIR.link")) }
        #expect(throws: CodingError.unknownPassage(999_999)) {
            try store.add(.init(coder: "ana", round: "rel-1", unit: CodingUnit(passageId: 999_999, caseId: unit.caseId), criterion: "WIR.link"))
        }
        #expect(throws: CodingError.unknownCase("NOPE/XXX")) {
            try store.add(.init(coder: "ana", round: "rel-1", unit: CodingUnit(passageId: unit.passageId, caseId: "NOPE/XXX"), criterion: "WIR.link"))
        }
        #expect(throws: CodingError.self) { try store.add(.init(coder: "ana", round: "rel-1", unit: unit, criterion: "XYZ.unknown")) }
        #expect(throws: CodingError.self) { try store.add(.init(coder: "ana", round: "rel-1", unit: unit, criterion: "WIR.link", span: 0..<100_000)) }
        #expect(throws: CodingError.self) {
            try store.add(.init(coder: "ana", round: "rel-1", unit: unit, criterion: "PAY.transport", attributes: ["amount": "lots"]))
        }
        let unassigned = CodingUnit(passageId: unit.passageId, caseId: "KOREA-1950/THA")
        #expect(throws: CodingError.notAssigned(coder: "ana", round: "rel-1", unit: unassigned)) {
            try store.add(.init(coder: "ana", round: "rel-1", unit: unassigned, criterion: "WIR.link"))
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
    }

    @Test func aCriterionFromAnotherCodebookVersionIsNamedAsSuch() throws {
        let (sample, store, units) = try openRoundProject()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cb-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var yaml = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "version: \"2.0.0\"", with: "version: \"2.1.0\"")
            .replacingOccurrences(of: "- id: PAY.insurance", with: "- id: PAY.bonus\n        label: Bonus\n        definition: A one-off deployment bonus.\n      - id: PAY.insurance")
        let file = try TestSupport.write(yaml, named: "cb.yaml", in: dir)
        let loaded = try CodebookStore(database: sample.database).load(file: file)
        #expect(loaded.isNew && loaded.version.revision == 2)
        do {
            try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "PAY.bonus"))
            Issue.record("a criterion of 2.1.0 was accepted in a 2.0.0 round")
        } catch let error as CodingError {
            #expect(error.errorDescription?.contains("2.1.0") == true)
        }
    }

    @Test func spansKeepTheQuotedTextInUnicodeScalars() throws {
        let (sample, store, units) = try openRoundProject()
        let (passage, _) = try DocumentCatalog(database: sample.database).passage(id: units[0].passageId)
        let scalars = Array(passage.text.unicodeScalars)
        let coding = try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered", span: 10..<40))
        #expect(coding.quote == String(String.UnicodeScalarView(scalars[10..<40])))
    }

    @Test func retractionKeepsTheRowAndLogsThePreviousValue() throws {
        let (sample, store, units) = try openRoundProject()
        let coding = try store.add(.init(coder: "ana", round: "rel-1", unit: units[0], criterion: "WIR.volunteered", note: "first"))
        #expect(throws: CodingError.self) { try store.retract(codingId: coding.id!, by: "ben", reason: "not mine") }
        let retracted = try store.retract(codingId: coding.id!, by: "ana", reason: "misread")
        #expect(retracted.retractedAt != nil)
        #expect(try store.codings(round: "rel-1", viewer: "ana").isEmpty)
        #expect(try store.codings(round: "rel-1", viewer: "ana", includeRetracted: true).count == 1)
        // While the round is blind and open, the event is ana's alone to read.
        #expect(try AuditLog.events(sample.database, as: Viewer("ben")).filter { $0.action == "coding.retract" }.isEmpty)
        #expect(try AuditLog.events(sample.database).filter { $0.action == "coding.retract" }.isEmpty)
        let events = try AuditLog.events(sample.database, as: Viewer("ana")).filter { $0.action == "coding.retract" }
        try #require(events.count == 1)
        #expect(events[0].previous?.contains("\"retracted_at\"") == false)
        // The log cannot be rewritten.
        #expect(throws: DatabaseError.self) {
            try sample.database.writer.write { try $0.execute(sql: "DELETE FROM audit_event_store") }
        }
    }

    @Test func seededSamplesAreReproducible() throws {
        let (sample, store, _) = try openRoundProject()
        let codebook = try CodebookStore(database: sample.database).version()
        let (units, _) = try UnitSelector(database: sample.database).candidates(caseId: "GULF-1990/EGY", query: "Egypt OR debt", queryMode: .fts, documentIds: nil)
        var drawn: [[Int64]] = []
        for name in ["s1", "s2"] {
            _ = try store.createRound(name: name, purpose: .reliability, codebook: codebook)
            try store.assign(round: name, coders: ["ana", "ben"], units: units, method: "query", fraction: 0.5, seed: 7)
            drawn.append(try store.queue(round: name, coder: "ana").map(\.unit.passageId))
            #expect(try store.queue(round: name, coder: "ben").map(\.unit.passageId) == drawn.last!)
        }
        #expect(drawn[0] == drawn[1])
        #expect(drawn[0].count == Int((Double(units.count) * 0.5).rounded(.up)))
    }
}
