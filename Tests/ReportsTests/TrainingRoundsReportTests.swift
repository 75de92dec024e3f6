import Foundation
import Testing
@testable import ProjectStore
import Reconciliation
@testable import Reports

/// Lombard et al. (2002): the report names the coders with their roles, and the training and pilot
/// rounds with their reliability.
@Suite struct TrainingRoundsReportTests {
    @Test func coderRolesAndPilotRoundResultsAreInTheReport() throws {
        let sample = try SampleProject(root: SampleRoundEndToEndTests.repoRoot)
        try sample.build(adjudicate: false)
        let store = CodingStore(database: sample.database)
        let codebook = try #require(try CodebookStore(database: sample.database).versions().last)
        // A pilot round on the same units, coded as the reliability round was (the sample CSV under
        // another round name), and a training round nobody finished a unit of.
        _ = try store.createRound(name: "pilot-1", purpose: .pilot, codebook: codebook)
        let units = try store.queue(round: SampleProject.round, coder: "ana").map(\.unit)
        // Outside reliability rounds units are dealt out in turn; each coder gets them all here.
        for coder in SampleProject.coders { _ = try store.assign(round: "pilot-1", coders: [coder], units: units, method: "same units as rel-1") }
        let csv = try String(contentsOf: sample.codings, encoding: .utf8).replacingOccurrences(of: ",\(SampleProject.round),", with: ",pilot-1,")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pilot-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try CodingCSVImporter(store: store).importFile(file)
        _ = try store.closeRound("pilot-1", by: SampleProject.adjudicator)
        _ = try store.createRound(name: "train-0", purpose: .training, codebook: codebook, blind: false)

        let data = try RoundData.load(sample.database, round: SampleProject.round)
        let reliability = try data.reliability(bootstrap: 200, seed: 3)
        let report = try ProjectReportBuilder(database: sample.database)
            .reliabilityReport(data, reliability: reliability, project: "sample", bootstrap: 200, seed: 3)
        #expect(report.coderDetails["ana"]?.role == "coder" && report.coderDetails["ana"]?.name == "Ana (sample coder)")
        #expect(report.trainingRounds.map(\.name) == ["pilot-1", "train-0"])
        let pilot = report.trainingRounds[0]
        // The same codings under another name: the pilot's figures are the reliability round's.
        #expect(pilot.units == reliability.units.count && pilot.status == "closed" && pilot.coders == ["ana", "ben"])
        #expect(pilot.results == ReliabilityReport.TrainingRound.summary(reliability))
        #expect(pilot.results.hasPrefix("alpha median ") && pilot.results.contains("verdicts: "))
        #expect(report.trainingRounds[1].results == "no unit finished by two coders: no reliability figures")

        let md = MarkdownReport.render(report)
        #expect(md.contains("| Coder | Name | Role | Units finished |"))
        #expect(md.contains("| ana | Ana (sample coder) | coder |"))
        #expect(md.contains("## Training and pilot rounds"))
        #expect(md.contains("| pilot-1 | pilot | closed | \(reliability.units.count) | ana, ben | \(pilot.results) |"))
        let html = HTMLReport.render(report)
        #expect(html.contains("<h2 id=\"training\">Training and pilot rounds</h2>"))
    }
}
