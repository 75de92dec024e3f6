import Foundation
import Testing
@testable import ProjectStore
import Reconciliation
@testable import Reports

/// Disagreements whose resolution changes a case's categories, on the sample round, checked
/// against what adjudicating them actually does.
@Suite struct DecisiveDisagreementTests {
    @Test func theDisagreementsThatDecideACaseAreListedAndAdjudicatingOneDoesWhatItSaid() throws {
        let sample = try SampleProject(root: SampleRoundEndToEndTests.repoRoot)
        try sample.build(adjudicate: false)
        let before = try RoundData.load(sample.database, round: SampleProject.round)
        let decisive = try before.decisiveDisagreements()
        let all = before.disagreements().map(\.0)
        #expect(!decisive.isEmpty && decisive.count < all.count)
        // Every listed one is a real disagreement; every unlisted one changes no category either way.
        for x in decisive { #expect(all.contains(x.disagreement)) }
        let codebook = before.codebook.definition
        for d in all where !decisive.contains(where: { $0.disagreement == d }) {
            let outcomes = try [true, false].map { present in
                try CaseClassification.classify(codebook: codebook, codings: before.codings.filter { $0.unit.caseId == d.unit.caseId },
                                                adjudications: [Adjudication(unit: d.unit, criterion: d.criterion, present: present,
                                                                             rationale: "", adjudicator: "", decidedAt: .distantFuture,
                                                                             direction: d.contradicting.isEmpty ? .supports : .contradicts)],
                                                subjects: before.subjects).first!.members
            }
            #expect(outcomes[0] == outcomes[1], "\(d.unit) \(d.criterion)")
        }
        // The Philippines' quid pro quo (ana: supports, ben: no tag) decides whether it is an opportunist.
        let phl = try #require(decisive.first { $0.caseId == "VIETNAM-1964/PHL" && $0.disagreement.criterion == "OPP.quid_pro_quo" })
        let asSupports = try #require(phl.outcomes.first { $0.value == .supports })
        #expect(asSupports.members.contains("OPP"))
        #expect(phl.outcomes.contains { $0.value == .untagged && !$0.members.contains("OPP") })

        // The adjudicator decides it as ben coded it (Imports/codings/adjudications.csv): the case now
        // has the categories the outcome said, and the disagreement is no longer listed.
        _ = try AdjudicationStore(database: sample.database)
            .importFile(SampleRoundEndToEndTests.repoRoot.appendingPathComponent("Imports/codings/adjudications.csv"))
        let after = try RoundData.load(sample.database, round: SampleProject.round)
        let phlAfter = try #require(try after.classifications(caseId: "VIETNAM-1964/PHL").first)
        let decisiveAfter = try after.decisiveDisagreements()
        #expect(!decisiveAfter.contains { $0.disagreement == phl.disagreement })
        if !decisiveAfter.contains(where: { $0.caseId == "VIETNAM-1964/PHL" }) {
            #expect(phlAfter.members == asSupports.members)
        }

        // In the report, under how disagreements were resolved.
        let report = try ProjectReportBuilder(database: sample.database)
            .reliabilityReport(before, reliability: try before.reliability(bootstrap: 0), project: "sample", bootstrap: 0)
        #expect(report.decisiveDisagreements == decisive)
        let md = MarkdownReport.render(report)
        #expect(md.contains("### Disagreements that decide a classification"))
        #expect(phl.disagreement.value(of: "ana") == "supports" && phl.disagreement.value(of: "ben") == "no tag")
        #expect(md.contains("| VIETNAM-1964/PHL | \(phl.disagreement.unit.passageId) | `OPP.quid_pro_quo` | ana: supports, ben: no tag | no tag → "))
    }
}
