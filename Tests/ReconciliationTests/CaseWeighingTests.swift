import Codebook
import Foundation
import Testing
import Weighing
@testable import Reconciliation

/// Weighing classified cases: which criteria bear on which category, supporting, contradicting
/// and absent evidence, one fact counted once, open units left out, priors, the comparison with the
/// rules and each coder's view. Expected values are computed by hand in the comments (the default
/// likelihoods: hoop 0.95/0.60, smoking gun 0.40/0.05, straw 0.60/0.40).
@Suite struct CaseWeighingTests {
    let tolerance = 1e-9

    /// WIR = all(WIR.interest, WIR.requests), both hoops, with WIR.volunteered a straw no rule
    /// names; OPP = any(OPP.quid), a smoking gun, with OPP.reluctant given explicit likelihoods;
    /// CRC = all(CRC.recruited, not OPP.quid), CRC.recruited a hoop whose absence is evidence;
    /// PLAIN.untested has no test and no likelihoods.
    static func codebook(reluctant: Likelihood = Likelihood(ifMember: 0.7, ifNotMember: 0.2)) -> Codebook {
        Codebook(
            id: "toy-weigh", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Toy codebook for weighing",
            dimensions: [
                Dimension(
                    id: "recipient_type", label: "Recipient type",
                    categories: [
                        Category(id: "WIR", label: "Willing", rule: .all([.criterion("WIR.interest"), .criterion("WIR.requests")])),
                        Category(id: "OPP", label: "Opportunist", rule: .any([.criterion("OPP.quid")])),
                        Category(id: "CRC", label: "Critical", rule: .all([.criterion("CRC.recruited"), .not(.criterion("OPP.quid"))])),
                        Category(id: "PLAIN", label: "Plain", rule: .criterion("PLAIN.untested")),
                    ],
                    criteria: [
                        Criterion(id: "WIR.interest", label: "Interest", definition: "d", test: .hoop),
                        Criterion(id: "WIR.requests", label: "Requests", definition: "d", test: .hoop),
                        Criterion(id: "WIR.volunteered", label: "Volunteered", definition: "d", test: .strawInTheWind),
                        Criterion(id: "OPP.quid", label: "Quid pro quo", definition: "d", test: .smokingGun),
                        Criterion(id: "OPP.reluctant", label: "Reluctant", definition: "d", test: .strawInTheWind,
                                  likelihoods: ["OPP": reluctant]),
                        Criterion(id: "CRC.recruited", label: "Recruited", definition: "d", test: .hoop, absenceIsEvidence: true),
                        Criterion(id: "PLAIN.untested", label: "Untested", definition: "d"),
                    ])
            ])
    }

    func coding(_ coder: String, _ passage: Int64, _ supports: Set<String>, against: Set<String> = [], caseId: String = "K") -> CoderUnitCoding {
        CoderUnitCoding(unit: UnitKey(passageId: passage, caseId: caseId), coder: coder, present: supports, spans: [:],
                        passageLength: 100, notes: [:], contradicting: against)
    }

    func hypothesis(_ w: CaseWeighing, _ category: String) throws -> HypothesisWeighing {
        try #require(w.hypotheses.first { $0.category == category })
    }

    /// Passage 1: WIR.interest. 2: WIR.requests contradicted. 3: WIR.interest and WIR.volunteered.
    /// 4: OPP.quid. 5: the same text as 1, WIR.interest again. 6: PLAIN.untested.
    var caseK: [CoderUnitCoding] {
        [coding("ann", 1, ["WIR.interest"]), coding("ann", 2, [], against: ["WIR.requests"]),
         coding("ann", 3, ["WIR.interest", "WIR.volunteered"]), coding("ann", 4, ["OPP.quid"]),
         coding("ann", 5, ["WIR.interest"]), coding("ann", 6, ["PLAIN.untested"])]
    }
    let sameText = [Int64(5): CaseWeighing.SameFact(representative: 1, reason: "identical text")]

    func weigh(_ codings: [CoderUnitCoding], options: CaseWeighing.Options? = nil,
               coverage: [String: [CaseCoverage]] = [:], codebook: Codebook = Self.codebook()) throws -> CaseWeighing {
        let classified = try #require(try CaseClassification.classify(codebook: codebook, codings: codings, coverage: coverage).first)
        return try CaseWeighing.weigh(classified, codebook: codebook,
                                      options: options ?? CaseWeighing.Options(sameFacts: sameText))
    }

    @Test("which criteria bear on which category")
    func bearing() {
        let cb = Self.codebook()
        let d = cb.dimensions[0]
        func bears(_ c: String, _ k: String) -> Bool {
            CaseWeighing.likelihood(of: cb.criterion(c)!, for: d.categories.first { $0.id == k }!, in: d) != nil
        }
        #expect(bears("WIR.interest", "WIR"))        // named in the rule
        #expect(bears("WIR.volunteered", "WIR"))     // a sign no rule names, prefix WIR
        #expect(!bears("WIR.volunteered", "OPP"))
        #expect(!bears("OPP.quid", "CRC"))           // named only under `not:`: no default reading
        #expect(bears("OPP.reluctant", "OPP"))       // explicit likelihoods
        #expect(!bears("PLAIN.untested", "PLAIN"))   // no test, no likelihoods
        #expect(CaseWeighing.likelihood(of: cb.criterion("OPP.reluctant")!, for: d.categories[1], in: d)?.1 == .codebook)
        #expect(CaseWeighing.likelihood(of: cb.criterion("WIR.interest")!, for: d.categories[0], in: d)?.1 == .testDefault)
    }

    @Test("supporting and contradicting evidence, one fact counted once, posterior and rules")
    func wir() throws {
        let wir = try hypothesis(try weigh(caseK), "WIR")
        // Items in codebook then passage order: interest p1, p3, p5; requests p2; volunteered p3.
        #expect(wir.items.map(\.criterion) == ["WIR.interest", "WIR.interest", "WIR.interest", "WIR.requests", "WIR.volunteered"])
        #expect(wir.items.map(\.passageId) == [1, 3, 5, 2, 3])
        // Passing a hoop: 10·log10(0.95/0.60) = +1.99572354905204 dB.
        #expect(abs(wir.items[0].weight - 1.99572354905204) < tolerance)
        // p5 has p1's text: counted once with p1.
        #expect(wir.items[2].counted == 0 && wir.items[2].countedOnceWith == 0)
        #expect(wir.items[2].sameFact?.contains("identical text") == true)
        // Contradicted hoop: absence likelihoods 0.05/0.40, 10·log10(0.125) = −9.03089986991944 dB.
        #expect(wir.items[3].reading == .contradicts)
        #expect(abs(wir.items[3].ifMember - 0.05) < tolerance && abs(wir.items[3].ifNotMember - 0.40) < tolerance)
        #expect(abs(wir.items[3].weight - -9.03089986991944) < tolerance)
        // p3 is coded for interest (+2.00 dB) and volunteered (+1.76 dB): the stronger counts.
        #expect(wir.items[4].counted == 0 && wir.items[4].countedOnceWith == 1)
        #expect(wir.items[4].sameFact?.contains("same passage") == true)
        // Total 2 × 1.99572 − 9.03090 = −5.03945277181535 dB; odds (19/12)² / 8 = 361/1152;
        // posterior 361/1513 = 0.238598810310641.
        #expect(abs(wir.posteriorLogOdds - -5.03945277181535) < tolerance)
        #expect(abs(wir.posterior - 361.0 / 1513) < tolerance)
        #expect(abs(wir.items.last!.runningLogOdds - wir.posteriorLogOdds) < tolerance)
        // The rules: interest established, requests refuted → not a member; the weights agree.
        #expect(wir.rules == .notMember && wir.comparison == .agree)
    }

    @Test("smoking gun, explicit likelihoods, a prior from the caller")
    func opp() throws {
        let opp = try hypothesis(try weigh(caseK), "OPP")
        // Smoking gun found: 10·log10 8; posterior at 1/2: 8/9.
        #expect(abs(opp.posterior - 8.0 / 9) < tolerance)
        #expect(opp.rules == .member && opp.comparison == .agree)
        // OPP.reluctant not found: unknown, adds nothing, and is listed.
        #expect(opp.unweighed.contains { $0.criterion == "OPP.reluctant" && $0.reason.contains("not found") })
        // Prior 0.2: odds 1/4 · 8 = 2, posterior 2/3.
        let skeptic = try hypothesis(try weigh(caseK, options: .init(priors: ["OPP": 0.2], sameFacts: sameText)), "OPP")
        #expect(abs(skeptic.posterior - 2.0 / 3) < tolerance)
        #expect(skeptic.priorSource == "--prior")
        // Explicit likelihoods 0.7/0.2 for OPP.reluctant found: 10·log10 3.5 = 5.44068044350276 dB.
        let withSign = try hypothesis(try weigh(caseK + [coding("ann", 7, ["OPP.reluctant"])]), "OPP")
        let sign = try #require(withSign.items.first { $0.criterion == "OPP.reluctant" })
        #expect(sign.likelihoodSource == .codebook)
        #expect(abs(sign.weight - 5.44068044350276) < tolerance)
        // 8 · 3.5 = 28 → 28/29.
        #expect(abs(withSign.posterior - 28.0 / 29) < tolerance)
    }

    @Test("priors: the caller's per category, then the caller's for all, then the codebook's, then 1/2")
    func priors() throws {
        var cb = Self.codebook()
        cb.dimensions[0].categories[1].prior = 0.2   // OPP
        let fromCodebook = try hypothesis(try weigh(caseK, options: .init(sameFacts: sameText), codebook: cb), "OPP")
        // Odds 1/4 · 8 = 2: posterior 2/3, and the source says so.
        #expect(abs(fromCodebook.posterior - 2.0 / 3) < tolerance && fromCodebook.priorSource == "codebook")
        #expect(try hypothesis(try weigh(caseK, codebook: cb), "WIR").priorSource.hasPrefix("uniform"))
        // --prior 0.5 for all overrides the codebook: 8/9 again.
        let all = try hypothesis(try weigh(caseK, options: .init(priorForAll: 0.5, sameFacts: sameText), codebook: cb), "OPP")
        #expect(abs(all.posterior - 8.0 / 9) < tolerance && all.priorSource == "--prior")
        // A per-category prior wins over both: 0.9 → odds 9 · 8 = 72, posterior 72/73.
        let one = try hypothesis(try weigh(caseK, options: .init(priors: ["OPP": 0.9], priorForAll: 0.5, sameFacts: sameText), codebook: cb), "OPP")
        #expect(abs(one.posterior - 72.0 / 73) < tolerance)
    }

    @Test("likelihood ratio 1 changes nothing")
    func neutral() throws {
        let cb = Self.codebook(reluctant: Likelihood(ifMember: 0.3, ifNotMember: 0.3))
        let plain = try hypothesis(try weigh(caseK, codebook: cb), "OPP")
        let more = try hypothesis(try weigh(caseK + [coding("ann", 7, ["OPP.reluctant"])], codebook: cb), "OPP")
        #expect(more.items.count == plain.items.count + 1)
        #expect(abs(more.posterior - plain.posterior) < 1e-12)
    }

    @Test("not found adds nothing; after a full search an absence_is_evidence criterion weighs as absent")
    func absence() throws {
        let codings = [coding("ann", 1, ["WIR.interest"])]
        let unknown = try hypothesis(try weigh(codings), "CRC")
        #expect(unknown.items.isEmpty && unknown.posterior == 0.5)
        #expect(unknown.unweighed.contains { $0.criterion == "CRC.recruited" && $0.reason.contains("no full search") })
        let full = ["K": [CaseCoverage(caseId: "K", round: "r", queries: ["troops"], volumes: [], dateRanges: [],
                                       candidates: 1, coded: 1, recordedBy: "lee", recordedAt: Date(timeIntervalSince1970: 0))]]
        let searched = try hypothesis(try weigh(codings, coverage: full), "CRC")
        let item = try #require(searched.items.first)
        #expect(item.reading == .absentAfterSearch && item.passageId == nil)
        // Failed hoop: −9.03 dB, posterior 1/9; the rules say not a member too.
        #expect(abs(searched.posterior - 1.0 / 9) < tolerance)
        #expect(searched.rules == .notMember && searched.comparison == .agree)
        #expect(item.basis.contains("full search"))
    }

    @Test("rules indeterminate while the weights lean; a case where they disagree")
    func comparison() throws {
        // Only WIR.interest found: the rule waits for WIR.requests; the weights lean toward WIR (+2.00 dB,
        // posterior 19/31 = 0.612903).
        let lean = try hypothesis(try weigh([coding("ann", 1, ["WIR.interest"])]), "WIR")
        #expect(lean.rules == .indeterminate && lean.comparison == .rulesIndeterminate && lean.leaning == .hypothesis)
        #expect(abs(lean.posterior - 19.0 / 31) < tolerance)
        #expect(lean.comparisonText.contains("lean toward WIR"))
        // Both hoops passed: the rules say member; from a prior of 0.1 the two small passes
        // (odds 1/9 · (19/12)² = 361/1296, posterior 0.218) leave the weights leaning against.
        let both = [coding("ann", 1, ["WIR.interest"]), coding("ann", 2, ["WIR.requests"])]
        let doubt = try hypothesis(try weigh(both, options: .init(priors: ["WIR": 0.1])), "WIR")
        #expect(doubt.rules == .member && doubt.comparison == .disagree)
        #expect(abs(doubt.posterior - 361.0 / 1657) < tolerance)
        #expect(doubt.comparisonText.hasPrefix("DISAGREES"))
        // The sensitivity grid shows it: at prior 0.5 the same evidence leans toward WIR.
        #expect(!doubt.sensitivity.survivesPriorGrid)
        #expect(doubt.sensitivity.grid.first { $0.prior == 0.5 }.map { $0.posterior > 0.5 } == true)
    }

    @Test("open units are not weighed; adjudication settles them")
    func open() throws {
        let codings = [coding("ann", 4, ["OPP.quid"]), coding("bob", 4, [])]
        let classified = try #require(try CaseClassification.classify(codebook: Self.codebook(), codings: codings).first)
        let w = try hypothesis(try CaseWeighing.weigh(classified, codebook: Self.codebook()), "OPP")
        #expect(w.items.isEmpty)
        #expect(w.unweighed.contains { $0.passageId == 4 && $0.reason.contains("coders disagree") })
        let decided = Adjudication(unit: UnitKey(passageId: 4, caseId: "K"), criterion: "OPP.quid", present: true,
                                   rationale: "explicit offer", adjudicator: "kim", decidedAt: Date(timeIntervalSince1970: 0))
        let settled = try #require(try CaseClassification.classify(codebook: Self.codebook(), codings: codings,
                                                                   adjudications: [decided]).first)
        let after = try hypothesis(try CaseWeighing.weigh(settled, codebook: Self.codebook()), "OPP")
        #expect(after.items.count == 1 && after.items[0].basis == "adjudicated by kim")
        #expect(abs(after.posterior - 8.0 / 9) < tolerance)
    }

    @Test("the order of the codings does not change any posterior")
    func order() throws {
        let a = try weigh(caseK)
        let b = try weigh(caseK.reversed())
        for (x, y) in zip(a.hypotheses, b.hypotheses) { #expect(abs(x.posterior - y.posterior) < 1e-12) }
    }

    @Test("each coder's view, before adjudication")
    func coderViews() throws {
        let codings = [coding("ann", 4, ["OPP.quid"]), coding("bob", 4, []), coding("bob", 2, [], against: ["WIR.requests"]),
                       coding("ann", 2, [])]
        let views = try CaseWeighing.coderViews(codebook: Self.codebook(), codings: codings, cases: ["K"])
        #expect(views.keys.sorted() == ["ann", "bob"])
        let annOPP = try hypothesis(try #require(views["ann"]?.first), "OPP")
        let bobOPP = try hypothesis(try #require(views["bob"]?.first), "OPP")
        #expect(abs(annOPP.posterior - 8.0 / 9) < tolerance)
        #expect(bobOPP.posterior == 0.5)
        // Bob alone read passage 2 as contradicting WIR.requests: 1/9 for WIR in his view.
        let bobWIR = try hypothesis(try #require(views["bob"]?.first), "WIR")
        #expect(abs(bobWIR.posterior - 1.0 / 9) < tolerance)
    }

    @Test("a likelihood of 0: ±infinite weight, posterior 0 or 1, no NaN, sensitivity says certain; two contradicting 0s leave the category unweighed")
    func infiniteWeights() throws {
        // OPP.reluctant given 0.7/0 for OPP: found, it is impossible outside OPP, +inf dB, posterior 1
        // from any prior (the hoop-from-a-model pattern of Humphreys & Jacobs 2023, §5.2.1, mirrored).
        let certainCodebook = Self.codebook(reluctant: Likelihood(ifMember: 0.7, ifNotMember: 0))
        let certain = try hypothesis(try weigh(caseK + [coding("ann", 7, ["OPP.reluctant"])], codebook: certainCodebook), "OPP")
        let item = try #require(certain.items.first { $0.criterion == "OPP.reluctant" })
        #expect(item.weight == .infinity && item.counted == .infinity)
        #expect(certain.posterior == 1 && certain.posteriorLogOdds == .infinity)
        #expect(certain.leaning == .hypothesis && certain.comparison == .agree)
        // Every prior of the grid gives 1, damping leaves infinity infinite, and the certain item is
        // the only one whose removal could change the leaning (here it does not: the smoking gun
        // alone leans the same way).
        #expect(certain.sensitivity.grid.allSatisfy { $0.posterior == 1 })
        #expect(certain.sensitivity.survivesPriorGrid && certain.sensitivity.survivesDamping)
        #expect(certain.sensitivity.dampedPosterior == 1)
        #expect(!certain.sensitivity.grid.contains { $0.posterior.isNaN })
        // Contradicted, the same criterion weighs log10((1−0.7)/(1−0)) dB: finite, −5.23 dB.
        let against = try hypothesis(try weigh(caseK + [coding("ann", 7, [], against: ["OPP.reluctant"])], codebook: certainCodebook), "OPP")
        #expect(abs(try #require(against.items.first { $0.criterion == "OPP.reluctant" }).weight - 10 * log10(0.3)) < tolerance)

        // 1/0.5 for OPP: contradicted, impossible for a member: −inf dB and a posterior of 0, even
        // against the smoking gun of passage 4 (8/9 without it).
        let hoopCodebook = Self.codebook(reluctant: Likelihood(ifMember: 1, ifNotMember: 0.5))
        let ruledOut = try hypothesis(try weigh(caseK + [coding("ann", 7, [], against: ["OPP.reluctant"])], codebook: hoopCodebook), "OPP")
        #expect(ruledOut.posterior == 0 && ruledOut.posteriorLogOdds == -.infinity)
        #expect(ruledOut.comparison == .disagree)   // the rules still say member: the weights name the clash
        #expect(ruledOut.sensitivity.decisiveItems == [ruledOut.items.firstIndex { $0.criterion == "OPP.reluctant" }!])

        // Both at once: OPP.reluctant 0.7/0 found in passage 7 and OPP.quid given 1/0.2 (its absence
        // impossible for a member) contradicted in passage 8: 0/0. OPP is listed as unweighable with
        // both items named; the case's other categories are weighed as before.
        var both = certainCodebook
        let quid = both.dimensions[0].criteria.firstIndex { $0.id == "OPP.quid" }!
        both.dimensions[0].criteria[quid].likelihoods = ["OPP": Likelihood(ifMember: 1, ifNotMember: 0.2)]
        let w = try weigh(caseK + [coding("ann", 7, ["OPP.reluctant"]), coding("ann", 8, [], against: ["OPP.quid"])], codebook: both)
        #expect(!w.hypotheses.contains { $0.category == "OPP" })
        let u = try #require(w.unweighable.first)
        #expect(u.category == "OPP" && u.dimension == "recipient_type" && u.prior == 0.5)
        #expect(u.reason.contains("OPP.reluctant supports, passage 7") && u.reason.contains("OPP.quid contradicts, passage 8"))
        #expect(u.reason.contains("undefined"))
        #expect(w.hypotheses.contains { $0.category == "WIR" })
    }

    @Test("the default likelihoods are the four pairs of Humphreys & Jacobs 2023, Figure 5.3")
    func defaultsAreThePublishedPairs() {
        // The figure's source (05-being-bayesian.qmd, §5.3.1): plotit(.4, .6, "Straw in the Wind"),
        // plotit(.6, .95, "Hoop"), plotit(.05, .4, "Smoking Gun"), plotit(.05, .95, "Doubly Decisive"),
        // each plotit(P(clue | not H), P(clue | H)).
        let published: [(EvidenceTest, Double, Double)] = [(.strawInTheWind, 0.6, 0.4), (.hoop, 0.95, 0.6),
                                                           (.smokingGun, 0.4, 0.05), (.doublyDecisive, 0.95, 0.05)]
        for (test, ifH, ifNotH) in published {
            #expect(DefaultLikelihoods.likelihood(for: test) == Likelihood(ifMember: ifH, ifNotMember: ifNotH), "\(test)")
        }
    }
}
