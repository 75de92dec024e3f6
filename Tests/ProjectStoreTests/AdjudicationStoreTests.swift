import Foundation
import Testing
@testable import ProjectStore
import Reconciliation

/// Decisions: imported once however often the file is imported; overruling agreed units only on purpose.
@Suite struct AdjudicationStoreTests {
    func closedSample() throws -> SampleProject {
        let sample = try SampleProject(root: TestSupport.repoRoot)
        try sample.build(adjudicate: false)
        return sample
    }

    @Test func importingTheSameDecisionsTwiceRecordsThemOnce() throws {
        let sample = try closedSample()
        let store = AdjudicationStore(database: sample.database)
        let file = TestSupport.repoRoot.appendingPathComponent("Imports/codings/adjudications.csv")
        let first = try store.importDecisions(file)
        #expect(first.recorded == 4 && first.alreadyRecorded == 0)
        let before = try TestSupport.snapshot(sample.database)
        let second = try store.importDecisions(file)
        #expect(second.recorded == 0 && second.alreadyRecorded == 4)
        #expect(try TestSupport.snapshot(sample.database) == before)
        #expect(try store.adjudications(round: SampleProject.round).count == 4)
        // A changed rationale is a new decision, which supersedes the old one.
        let data = try RoundData.load(sample.database, round: SampleProject.round)
        let d = try #require(data.adjudications.first)
        _ = try store.decide(round: SampleProject.round, unit: CodingUnit(passageId: d.unit.passageId, caseId: d.unit.caseId),
                             criterion: d.criterion, present: d.present, rationale: d.rationale + " Revisited.",
                             adjudicator: d.adjudicator, direction: d.direction)
        #expect(try store.adjudications(round: SampleProject.round).count == 5)
    }

    @Test func decidingAnAgreedUnitNeedsAnOverrideWithAReasonAndIsListed() throws {
        let sample = try closedSample()
        let data = try RoundData.load(sample.database, round: SampleProject.round)
        let disputed = Set(data.disagreements().map { "\($0.0.unit)|\($0.0.criterion)" })
        // A unit both coders finished, and a criterion neither tagged.
        let byUnit = Dictionary(grouping: data.codings, by: \.unit)
        let (unit, codings) = try #require(byUnit.first { $0.value.count == 2 })
        let criterion = try #require(data.codebook.definition.allCriteria.map(\.id).first { id in
            !codings.contains { $0.tagged.contains(id) } && !disputed.contains("\(unit)|\(id)")
        })
        let store = AdjudicationStore(database: sample.database)
        let target = CodingUnit(passageId: unit.passageId, caseId: unit.caseId)
        let before = try TestSupport.snapshot(sample.database)
        do {
            _ = try store.decide(round: SampleProject.round, unit: target, criterion: criterion, present: true,
                                 rationale: "r", adjudicator: "lee", direction: .contradicts)
            Issue.record("an agreed unit was decided without --override")
        } catch let error as CodingError {
            #expect(error.errorDescription?.contains("the 2 coders who finished it agreed (no tag)") == true, "\(error)")
            #expect(error.errorDescription?.contains("--override --reason") == true)
        }
        #expect(try TestSupport.snapshot(sample.database) == before)
        _ = try store.decide(round: SampleProject.round, unit: target, criterion: criterion, present: true,
                             rationale: "The annex states the opposite.", adjudicator: "lee", direction: .contradicts,
                             overrideReason: "both coders missed the annex")
        let overrides = try store.overrides(round: SampleProject.round)
        #expect(overrides.count == 1)
        #expect(overrides.first?.reason == "both coders missed the annex" && overrides.first?.criterion == criterion)
        #expect(overrides.first?.decision.value == .contradicts)
        let reloaded = try RoundData.load(sample.database, round: SampleProject.round)
        #expect(reloaded.overrides == overrides)
        #expect(overrides[0].sentence.contains("decided contradicts"))
        #expect(overrides[0].sentence.contains("although the coders agreed: both coders missed the annex"))
        // The log says it was an override, with the reason.
        let logged = try sample.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_event WHERE action = 'adjudicate.override'")
        }
        #expect(logged?.contains("both coders missed the annex") == true)
        // A decision on a real disagreement needs no override and is not listed as one.
        let d = try #require(data.disagreements().first?.0)
        _ = try store.decide(round: SampleProject.round, unit: CodingUnit(passageId: d.unit.passageId, caseId: d.unit.caseId),
                             criterion: d.criterion, present: false, rationale: "No.", adjudicator: "lee")
        #expect(try store.overrides(round: SampleProject.round).count == 1)
    }

    @Test func anImportedOverrideNeedsItsReasonColumn() throws {
        let sample = try closedSample()
        let data = try RoundData.load(sample.database, round: SampleProject.round)
        let disputed = Set(data.disagreements().map { "\($0.0.unit)|\($0.0.criterion)" })
        let byUnit = Dictionary(grouping: data.codings, by: \.unit)
        let (unit, codings) = try #require(byUnit.first { $0.value.count == 2 })
        let criterion = try #require(data.codebook.definition.allCriteria.map(\.id).first { id in
            !codings.contains { $0.tagged.contains(id) } && !disputed.contains("\(unit)|\(id)")
        })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let without = dir.appendingPathComponent("without.csv")
        try Data("round,passage,case,criterion,present,rationale,adjudicator\n\(SampleProject.round),\(unit.passageId),\(unit.caseId),\(criterion),yes,Seen.,lee\n".utf8).write(to: without)
        let store = AdjudicationStore(database: sample.database)
        #expect(throws: CodingImportError.self) { try store.importDecisions(without) }
        let with = dir.appendingPathComponent("with.csv")
        try Data("round,passage,case,criterion,present,rationale,adjudicator,override_reason\n\(SampleProject.round),\(unit.passageId),\(unit.caseId),\(criterion),yes,Seen.,lee,both missed it\n".utf8).write(to: with)
        #expect(try store.importDecisions(with) == (1, 0))
        #expect(try store.importDecisions(with) == (0, 1))
        #expect(try store.overrides(round: SampleProject.round).map(\.reason) == ["both missed it"])
    }
}
