import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Testing
@testable import Reports

/// Which passages weighing treats as one fact: identical text once spacing is folded, and coders'
/// `same_fact` links, chained; and what that does to a posterior.
@Suite struct SameFactsTests {
    @Test func identicalTextsAndChainedLinks() {
        let facts = WeighingReport.sameFacts(
            texts: [1: "The Embassy\n reports  troops.", 2: "The Embassy reports troops.", 3: "Other text.", 9: "Another."],
            links: [SameFactLink(passageId: 4, otherPassageId: 3, coder: "ana"),
                    SameFactLink(passageId: 5, otherPassageId: 4, coder: "ben")])
        #expect(facts[2]?.representative == 1)
        #expect(facts[2]?.reason == "identical text to passage 1")
        #expect(facts[9] == nil)
        // 3 ~ 4 ~ 5: one fact, represented by 3.
        #expect([3, 4, 5].map { facts[Int64($0)]?.representative } == [3, 3, 3])
        #expect(facts[5]?.reason.contains("linked as one item by ben") == true)
    }

    @Test func linkedPassagesCountOnce() throws {
        let codebook = Codebook(
            id: "t", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "t",
            dimensions: [Dimension(id: "d", label: "d",
                                   categories: [Category(id: "OPP", label: "o", rule: .criterion("OPP.quid"))],
                                   criteria: [Criterion(id: "OPP.quid", label: "q", definition: "q", test: .smokingGun)])])
        let codings = [Int64(3), 4].map {
            CoderUnitCoding(unit: UnitKey(passageId: $0, caseId: "K"), coder: "ana", present: ["OPP.quid"], passageLength: 10)
        }
        let classified = try #require(try CaseClassification.classify(codebook: codebook, codings: codings).first)
        let apart = try CaseWeighing.weigh(classified, codebook: codebook)
        // Two smoking guns: odds 64, posterior 64/65.
        #expect(abs(apart.hypotheses[0].posterior - 64.0 / 65) < 1e-12)
        let facts = WeighingReport.sameFacts(texts: [:], links: [SameFactLink(passageId: 4, otherPassageId: 3, coder: "ana")])
        let once = try CaseWeighing.weigh(classified, codebook: codebook, options: .init(sameFacts: facts))
        // One fact: odds 8, posterior 8/9, and the second item says why it adds nothing.
        #expect(abs(once.hypotheses[0].posterior - 8.0 / 9) < 1e-12)
        #expect(once.hypotheses[0].items[1].sameFact?.contains("linked as one item by ana") == true)
    }
}
