import Foundation
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
}
