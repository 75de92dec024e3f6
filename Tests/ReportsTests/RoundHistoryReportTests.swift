import Foundation
import GRDB
import Testing
@testable import ProjectStore
@testable import Reports

/// A report says when its round was closed over unfinished units or reopened.
@Suite struct RoundHistoryReportTests {
    @Test func aReopenedRoundsReportSaysItsFiguresCameAfterTheReopening() throws {
        let sample = try SampleProject(root: SampleRoundEndToEndTests.repoRoot)
        try sample.build(adjudicate: false)
        let store = CodingStore(database: sample.database)
        let rounds = RoundStore(database: sample.database)
        func report() throws -> ReliabilityReport {
            let data = try RoundData.load(sample.database, round: SampleProject.round)
            return try ProjectReportBuilder(database: sample.database)
                .reliabilityReport(data, reliability: try data.reliability(bootstrap: 50, seed: 1), project: "sample")
        }
        #expect(try report().roundHistory.isEmpty, "an ordinary close is not news")
        try store.addCoder(handle: "kim", name: "Kim", role: .lead)
        _ = try rounds.reopenRound(SampleProject.round, by: "kim", reason: "ben recoded two units")
        #expect(throws: CodingError.blindUntilClosed(round: SampleProject.round)) { try report() }
        _ = try rounds.closeRound(SampleProject.round, by: "kim")
        let history = try report().roundHistory
        #expect(history.count == 2, "\(history)")
        #expect(history[0].contains("Reopened on") && history[0].contains("by kim: ben recoded two units"))
        #expect(history[1].hasPrefix("These figures were computed after the round was reopened on"))
        let markdown = MarkdownReport.render(try report())
        #expect(markdown.contains("## Round history"))
        #expect(HTMLReport.render(try report()).contains("ben recoded two units"))
    }

    @Test func aForcedCloseAndAnOverrideAreInTheReport() throws {
        let sample = try SampleProject(root: SampleRoundEndToEndTests.repoRoot)
        try sample.build(adjudicate: false)
        let db = sample.database
        let store = CodingStore(database: db)
        let rounds = RoundStore(database: db)
        try store.addCoder(handle: "kim", name: "Kim", role: .lead)
        _ = try rounds.reopenRound(SampleProject.round, by: "kim", reason: "one more unit")
        // A unit nobody has, for both coders: neither finishes it.
        let extra = try db.writer.read { db -> CodingUnit in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT p.id, (SELECT case_id FROM assignment LIMIT 1) AS case_id FROM passage p
                WHERE p.id NOT IN (SELECT passage_id FROM assignment) ORDER BY p.id LIMIT 1
                """))
            return CodingUnit(passageId: row["id"], caseId: row["case_id"])
        }
        _ = try AssignmentStore(database: db).assign(round: SampleProject.round, coders: ["ana", "ben"], units: [extra],
                                                     method: "one more unit", by: Viewer("kim"))
        #expect(throws: CodingError.self) { try rounds.closeRound(SampleProject.round, by: "kim") }
        _ = try rounds.closeRound(SampleProject.round, by: "kim", force: true, reason: "the last unit is out of scope")
        // An override: a unit both coders finished and a criterion neither tagged.
        let data = try RoundData.load(db, round: SampleProject.round)
        let disputed = Set(data.disagreements().map { "\($0.0.unit)|\($0.0.criterion)" })
        let (unit, codings) = try #require(Dictionary(grouping: data.codings, by: \.unit).first { $0.value.count == 2 })
        let criterion = try #require(data.codebook.definition.allCriteria.map(\.id).first { id in
            !codings.contains { $0.tagged.contains(id) } && !disputed.contains("\(unit)|\(id)")
        })
        _ = try AdjudicationStore(database: db).decide(round: SampleProject.round,
                                                       unit: CodingUnit(passageId: unit.passageId, caseId: unit.caseId),
                                                       criterion: criterion, present: true, rationale: "Stated outright.",
                                                       adjudicator: SampleProject.adjudicator, overrideReason: "both coders missed it")
        let reloaded = try RoundData.load(db, round: SampleProject.round)
        let report = try ProjectReportBuilder(database: db)
            .reliabilityReport(reloaded, reliability: try reloaded.reliability(bootstrap: 50, seed: 1), project: "sample")
        #expect(report.roundHistory.contains { $0.contains("by kim with unfinished units (ana: ") && $0.contains("the last unit is out of scope") },
                "\(report.roundHistory)")
        #expect(report.roundHistory.contains { $0.hasPrefix("These figures were computed after the round was reopened") })
        #expect(report.roundHistory.contains { $0.hasPrefix("Override: \(criterion) decided supports") && $0.contains("both coders missed it") },
                "\(report.roundHistory)")
        #expect(report.resolution.overrides == 1)
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("the last unit is out of scope") && markdown.contains("both coders missed it"))
        #expect(HTMLReport.render(report).contains("both coders missed it"))
    }
}
