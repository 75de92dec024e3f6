import Agreement
import Codebook
import Testing
@testable import Reconciliation

@Suite("Reliability per criterion")
struct ReliabilityResultTests {
    func result(_ codings: [CoderUnitCoding] = Fixtures.round, replicates: Int = 200) throws -> ReliabilityResult {
        try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: codings, bootstrapReplicates: replicates),
                              codebook: Fixtures.codebook)
    }

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tolerance
    }

    @Test("supports, contradicts and no tag are three nominal values; rounds without counter-evidence read as before")
    func threeValues() throws {
        // WIR.link over four units: (supports, supports), (contradicts, contradicts),
        // (supports, contradicts), (no tag, no tag).
        let codings = [
            Fixtures.coding("ann", "K", 1, ["WIR.link"]), Fixtures.coding("bob", "K", 1, ["WIR.link"]),
            Fixtures.coding("ann", "K", 2, [], contradicting: ["WIR.link"]), Fixtures.coding("bob", "K", 2, [], contradicting: ["WIR.link"]),
            Fixtures.coding("ann", "K", 3, ["WIR.link"]), Fixtures.coding("bob", "K", 3, [], contradicting: ["WIR.link"]),
            Fixtures.coding("ann", "K", 4, []), Fixtures.coding("bob", "K", 4, []),
        ]
        let link = try #require(try result(codings).criteria.first { $0.criterion == "WIR.link" })
        // Coincidences (no tag, supports, contradicts): o_nn = 2, o_ss = 2, o_cc = 2, o_sc = o_cs = 1;
        // n = (2, 3, 3), n.. = 8. alpha = 1 − (n.. − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k
        //                              = 1 − 7 × 2 / (2 × (2·3 + 2·3 + 3·3)) = 1 − 14/42 = 2/3.
        #expect(link.coincidences.labels == ["no tag", "supports", "contradicts"])
        #expect(link.coincidences.counts == [[2, 0, 0], [0, 2, 1], [0, 1, 2]])
        #expect(close(link.alpha, 2.0 / 3.0))
        #expect(close(link.percentAgreement, 0.75))
        #expect(close(link.prevalence, 6.0 / 8.0))
        #expect(link.disagreements.map(\.unit.passageId) == [3])
        #expect(link.values.first { $0.unit.passageId == 3 }?.contradicting == ["bob"])
        // Read as two values (tagged or not), unit 3 would be an agreement: the third value matters.
        let flattened = codings.map { c in
            Fixtures.coding(c.coder, c.unit.caseId, c.unit.passageId, c.tagged)
        }
        let two = try #require(try result(flattened).criteria.first { $0.criterion == "WIR.link" })
        #expect(two.coincidences.labels == ["absent", "present"])
        #expect(two.disagreements.isEmpty)
    }

    /// 40 units: 10 both supports, 28 both no tag, 1 both contradicts, 1 supports against contradicts.
    /// Values: no tag 56, supports 21, contradicts 3 of 80, so p_c = 3/80 (the tagged share 24/80 would
    /// overstate it). The verdict, `plan --round` and the report's notes must all read p_c = 3/80.
    @Test("insufficient data, plan and the report's sample notes read the same least frequent value")
    func smallestShareAgrees() throws {
        var codings: [CoderUnitCoding] = []
        for p in 1...40 {
            let u = Int64(p)
            switch p {
            case 1...10: codings += [Fixtures.coding("ann", "K", u, ["WIR.link"]), Fixtures.coding("bob", "K", u, ["WIR.link"])]
            case 11: codings += [Fixtures.coding("ann", "K", u, [], contradicting: ["WIR.link"]),
                                 Fixtures.coding("bob", "K", u, [], contradicting: ["WIR.link"])]
            case 12: codings += [Fixtures.coding("ann", "K", u, ["WIR.link"]), Fixtures.coding("bob", "K", u, [], contradicting: ["WIR.link"])]
            default: codings += [Fixtures.coding("ann", "K", u, []), Fixtures.coding("bob", "K", u, [])]
            }
        }
        let link = try #require(try result(codings).criteria.first { $0.criterion == "WIR.link" })
        #expect(link.coincidences.smallestShare == 3.0 / 80.0)
        let adequacy = try #require(SampleAdequacy.assess(criteria: [link]).first)
        #expect(adequacy.smallestShare == 3.0 / 80.0)
        let needed = try #require(adequacy.neededForTentative)
        #expect(needed == ReliabilitySampleSize.requiredUnits(minimumAlpha: 0.667, significance: 0.05, smallestShare: 3.0 / 80.0))
        #expect(link.verdict == .insufficientData)
        #expect(link.verdictReason?.contains("needs \(needed) ") == true, "\(link.verdictReason ?? "-") vs \(needed)")
    }

    @Test("alpha, kappa, AC1 and percent agreement match hand computation")
    func handChecked() throws {
        let r = try result()
        #expect(r.units.count == 10)
        #expect(r.coders == ["ann", "bob"])
        let link = try #require(r.criteria.first { $0.criterion == "WIR.link" })
        // 20 values: present n1 = 3 (unit 1 twice, unit 2 once), absent n0 = 17.
        // Coincidences: o00 = 16, o01 = o10 = 1, o11 = 2.
        // alpha = 1 - (n - 1) (o01 + o10) / (2 n0 n1) = 1 - 19 * 2 / 102 = 64/102.
        #expect(close(link.alpha, 64.0 / 102.0))
        #expect(link.coincidences.counts == [[16, 1], [1, 2]])
        #expect(link.coincidences.labels == ["absent", "present"])
        #expect(link.pairableValues == 20)
        #expect(close(link.prevalence, 3.0 / 20.0))
        #expect(close(link.percentAgreement, 0.9))
        // Cohen: po = .9; ann 2/10 present, bob 1/10: pe = .2 × .1 + .8 × .9 = .74; kappa = .16/.26.
        #expect(link.kappaKind == .cohen)
        #expect(close(link.kappa, 0.16 / 0.26))
        // AC1: pi = .15; pe = 2 × .15 × .85 = .255; AC1 = (.9 − .255)/(1 − .255).
        #expect(close(link.ac1, 0.645 / 0.745))
        // 10 units with the rarer value in 15% of values: Krippendorff's sample-size rule needs
        // 2·1.645²·[(1.667·2.333)/(4·.333·.15·.85) − .667] ≈ 120.3, so 121 units to test .667.
        #expect(link.verdict == .insufficientData)
        #expect(link.verdictReason?.contains("needs 121") == true, "\(link.verdictReason ?? "")")
        #expect(link.disagreements.map(\.unit.passageId) == [2])
        #expect(link.values.count == 10)
        #expect(link.values[1].values == ["ann": true, "bob": false])

        // WIR.volunteered: n1 = 5, n0 = 15, one disagreement: alpha = 1 − 19/75.
        let volunteered = try #require(r.criteria.first { $0.criterion == "WIR.volunteered" })
        #expect(close(volunteered.alpha, 56.0 / 75.0))
        #expect(volunteered.verdict == .insufficientData)
        #expect(volunteered.verdictReason?.contains("needs 81") == true)
        // Gwet's analytic interval and the kappa/AC1 intervals are reported beside the bootstrap's.
        #expect(volunteered.alphaAnalytic?.method.contains("Gwet") == true)
        #expect(volunteered.kappaInterval?.low != nil && volunteered.ac1Interval?.high != nil)

        let recruited = try #require(r.criteria.first { $0.criterion == "CRC.recruited" })
        #expect(close(recruited.alpha, 1))
        #expect(recruited.verdict == .insufficientData)
        #expect(recruited.explanation == nil)
    }

    /// 200 units, two coders, "present" in every other unit, `d` disagreements: large enough for the
    /// sample-size rule at any prevalence near .5, so the verdict is the interval's.
    func balanced(disagreements d: Int, thresholds: ReliabilityThresholds = ReliabilityThresholds()) throws -> CriterionReliability {
        let codings = (1...200).flatMap { (p: Int64) -> [CoderUnitCoding] in
            let truth = p % 2 == 0
            let bob = p <= Int64(d) ? !truth : truth
            return [Fixtures.coding("ann", "L", p, truth ? ["WIR.link"] : []), Fixtures.coding("bob", "L", p, bob ? ["WIR.link"] : [])]
        }
        let r = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.link"], codings: codings, bootstrapReplicates: 1000,
                                                         seed: 4, thresholds: thresholds))
        return r.criteria[0]
    }

    @Test("The verdict rests on the interval's lower limit, not on the point estimate")
    func verdictOnUncertainty() throws {
        let good = try balanced(disagreements: 4)
        #expect(try #require(good.alphaLow) >= 0.8)
        #expect(good.verdict == .reliable)
        // alpha ≈ .84 ≥ .800, but the interval reaches below .800: tentative, not reliable.
        let middling = try balanced(disagreements: 16)
        #expect(try #require(middling.alpha) >= 0.8)
        let low = try #require(middling.alphaLow)
        #expect(low < 0.8 && low >= 0.667, "\(low)")
        #expect(middling.verdict == .tentative)
        let poor = try balanced(disagreements: 40)
        #expect(try #require(poor.alphaLow) < 0.667)
        #expect(poor.verdict == .unreliable)
        // Thresholds are configurable: with .75/.60 the middling criterion is reliable.
        let lenient = try balanced(disagreements: 16, thresholds: ReliabilityThresholds(reliable: 0.75, tentative: 0.6))
        #expect(lenient.verdict == .reliable)
        #expect(lenient.probabilityBelow(0.6) != nil)
    }

    @Test("A codebook's reliability section sets the verdicts' thresholds and a minimum of units")
    func codebookThresholds() throws {
        var codebook = Codebook(id: "t", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "T")
        #expect(ReliabilityThresholds(codebook: codebook) == ReliabilityThresholds())
        codebook.reliability = ReliabilitySettings(reliable: 0.9, tentative: 0.8)
        let strict = ReliabilityThresholds(codebook: codebook)
        #expect(strict.reliable == 0.9 && strict.tentative == 0.8 && strict.significance == 0.05 && strict.minimumUnits == nil)
        #expect(strict.source == "codebook t 1.0.0" && strict.sentence.contains("reliable if it is at least .9, tentative if at least .8"))
        // 4 disagreements in 200 stay reliable (lower limit above .9); 16 are tentative by Krippendorff's
        // defaults (lower limit in [.667, .800)) but unreliable by this codebook's .800 for tentative.
        #expect(try balanced(disagreements: 4, thresholds: strict).verdict == .reliable)
        let middling = try balanced(disagreements: 16, thresholds: strict)
        let low = try #require(middling.alphaLow)
        #expect(low >= 0.667 && low < 0.8, "\(low)")
        #expect(try balanced(disagreements: 16).verdict == .tentative)
        #expect(middling.verdict == .unreliable)
        // min_units: 200 pairable units are fewer than the 250 this codebook asks for.
        codebook.reliability = ReliabilitySettings(minimumUnits: 250)
        let few = try balanced(disagreements: 4, thresholds: ReliabilityThresholds(codebook: codebook))
        #expect(few.verdict == .insufficientData)
        #expect(few.verdictReason == "200 units, fewer than the 250 the codebook requires (reliability.min_units)")
    }

    @Test("A criterion on which the coders never disagree has no shortfall probability")
    func noDisagreement() throws {
        let perfect = try balanced(disagreements: 0)
        #expect(perfect.alpha == 1)
        #expect(perfect.shortfalls.isEmpty && perfect.shortfallsOmittedReason != nil)
        #expect(perfect.verdict == .reliable)
    }

    @Test("figures agree with the Agreement module on the same table")
    func crossCheck() throws {
        let r = try result()
        for c in r.criteria {
            let table: [[String?]] = c.values.map { v in ["ann", "bob"].map { v.values[$0].map { $0 ? "1" : "0" } } }
            let data = try ReliabilityData(units: table, coderNames: ["ann", "bob"], categoryOrder: ["0", "1"])
            let alpha = try KrippendorffAlpha(data, level: .nominal)
            #expect(alpha.value == c.alpha)
        }
    }

    @Test("three coders with a missing value: Fleiss' kappa, alpha as the Agreement module computes it")
    func threeCoders() throws {
        // Krippendorff-style table with a missing value in unit 4.
        let rows: [[Bool?]] = [[true, true, true], [true, false, true], [false, false, false],
                               [false, nil, false], [true, true, false], [false, false, false]]
        let coders = ["ann", "bob", "cem"]
        var codings: [CoderUnitCoding] = []
        for (u, row) in rows.enumerated() {
            for (g, v) in row.enumerated() {
                guard let v else { continue }
                codings.append(Fixtures.coding(coders[g], "C", Int64(u + 1), v ? ["WIR.link"] : []))
            }
        }
        let r = try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: codings, bootstrapReplicates: 0))
        let link = try #require(r.criteria.first { $0.criterion == "WIR.link" })
        #expect(link.kappaKind == .fleiss)
        #expect(link.coders == coders)
        #expect(link.pairableValues == 17)
        let table = rows.map { $0.map { $0.map { $0 ? "1" : "0" } } }
        let data = try ReliabilityData(units: table, coderNames: coders, categoryOrder: ["0", "1"])
        #expect(link.alpha == (try KrippendorffAlpha(data, level: .nominal)).value)
        #expect(link.kappa == ChanceCorrectedAgreement.fleissKappa(data).value)
        #expect(link.ac1 == ChanceCorrectedAgreement.gwetAC(data).value)
        // By hand: n1 = 7, n0 = 10, n = 17. Unit 2 (1,0,1): o10 = o01 = 2·1/2 = 1; unit 5 likewise.
        // alpha = 1 − (n − 1)(o01 + o10)/(2 n0 n1) = 1 − 16 · 4 / 140.
        #expect(close(link.alpha, 1 - 64.0 / 140.0))
        #expect(link.bootstrapReplicates == 0)
        #expect(link.alphaLow == nil)
    }

    @Test("no variation: alpha undefined, said why, never NaN")
    func undefinedAlpha() throws {
        let r = try result()
        let threat = try #require(r.criteria.first { $0.criterion == "OPP.threat" })
        #expect(threat.alpha == nil)
        #expect(threat.kappa == nil)
        #expect(threat.verdict == .undefined)
        #expect(threat.alphaUndefinedReason != nil)
        #expect(threat.explanation?.contains("no variation") == true)
        #expect(threat.prevalence == 0)
        #expect(threat.percentAgreement == 1)
        #expect(threat.alphaLow == nil && threat.shortfalls.isEmpty)
    }

    @Test("bootstrap: interval brackets alpha, shortfall probabilities, reproducible from the seed")
    func bootstrap() throws {
        let r1 = try result(replicates: 500)
        let r2 = try result(replicates: 500)
        let v = try #require(r1.criteria.first { $0.criterion == "WIR.volunteered" })
        let low = try #require(v.alphaLow), high = try #require(v.alphaHigh)
        #expect(low <= v.alpha! && v.alpha! <= high)
        #expect(v.bootstrapReplicates == 500)
        let p667 = try #require(v.probabilityBelow(0.667)), p800 = try #require(v.probabilityBelow(0.8))
        #expect(p667 <= p800)
        #expect((0...1).contains(p667))
        #expect(r1.criteria == r2.criteria)
    }

    @Test("rare criterion: alpha low, AC1 high, explained")
    func rare() throws {
        // 20 units, one coder tags once: n1 = 1 of 40 values.
        let codings = (1...20).flatMap { (p: Int64) in
            [Fixtures.coding("ann", "R", p, p == 7 ? ["WIR.link"] : []), Fixtures.coding("bob", "R", p, [])]
        }
        let r = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.link"], codings: codings, bootstrapReplicates: 0))
        let link = r.criteria[0]
        #expect(link.alpha! < 0.1)
        #expect(link.ac1! > 0.9)
        #expect(link.explanation?.contains("rare") == true)
        #expect(link.verdict == .insufficientData)
    }

    @Test("single-coded units are left out and listed")
    func singleCoded() throws {
        var codings = Fixtures.round
        codings.append(Fixtures.coding("ann", "B-2", 11, ["WIR.link"]))
        let r = try result(codings)
        #expect(r.units.count == 10)
        #expect(r.singleCodedUnits == [UnitKey(passageId: 11, caseId: "B-2")])
    }

    @Test("errors in the researcher's words")
    func errors() throws {
        #expect(throws: ReconciliationError.noDoubleCodedUnits) {
            try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: [Fixtures.coding("ann", "A", 1, [])]))
        }
        #expect(throws: ReconciliationError.unknownCriterion("XYZ", unit: UnitKey(passageId: 1, caseId: "A"), coder: "ann")) {
            try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: [Fixtures.coding("ann", "A", 1, ["XYZ"])]))
        }
        #expect(throws: ReconciliationError.duplicateCoding(unit: UnitKey(passageId: 1, caseId: "A"), coder: "ann")) {
            try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria,
                                                     codings: [Fixtures.coding("ann", "A", 1, []), Fixtures.coding("ann", "A", 1, [])]))
        }
        let outside = Fixtures.coding("ann", "A", 1, ["WIR.link"], length: 10, spans: ["WIR.link": [5..<12]])
        #expect(throws: ReconciliationError.self) {
            try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: [outside, Fixtures.coding("bob", "A", 1, [], length: 10)]))
        }
        #expect(ReconciliationError.noDoubleCodedUnits.description.contains("second coder"))
    }

    @Test("unitizing alpha: each passage its own continuum, pooled by length")
    func unitizing() throws {
        let codings = [
            Fixtures.coding("ann", "A", 1, ["WIR.link"], length: 30, spans: ["WIR.link": [5..<15]]),
            Fixtures.coding("bob", "A", 1, ["WIR.link"], length: 30, spans: ["WIR.link": [6..<15]]),
            Fixtures.coding("ann", "A", 2, ["WIR.link"], length: 40, spans: ["WIR.link": [0..<10, 8..<12]]),
            Fixtures.coding("bob", "A", 2, [], length: 40),
            Fixtures.coding("ann", "A", 3, [], length: 10),   // only ann: not a continuum
        ]
        let r = try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: codings, bootstrapReplicates: 0))
        let u = try #require(r.criteria.first { $0.criterion == "WIR.link" }?.unitizing)
        #expect(u.continuumLength == 70)
        #expect(u.units.map(\.passageId) == [1, 2])
        #expect(u.spans == 3)   // ann's overlapping spans in unit 2 merged
        // Pooling by hand from the single-continuum figures (each checked against published examples):
        // alpha = 1 − Σ_p L_p D_o,p / Σ_p L_p D_e,p.
        let p1 = try UnitizingAlpha(spans: [.init(coder: 0, category: "c", start: 5, end: 15),
                                            .init(coder: 1, category: "c", start: 6, end: 15)], coders: 2, continuum: 0..<30)
        let p2 = try UnitizingAlpha(spans: [.init(coder: 0, category: "c", start: 0, end: 12)], coders: 2, continuum: 0..<40)
        let o = 30 * p1.categories[0].observedDisagreement + 40 * p2.categories[0].observedDisagreement
        let e = 30 * p1.categories[0].expectedDisagreement + 40 * p2.categories[0].expectedDisagreement
        #expect(abs(try #require(u.alpha) - (1 - o / e)) < 1e-12)
        #expect(u.alpha! < 1)
        // Criteria nobody marked spans for have no unitizing result.
        #expect(r.criteria.first { $0.criterion == "CRC.recruited" }?.unitizing == nil)

        // Passage order and passages nobody marked do not matter.
        let reordered = [codings[2], codings[3], codings[0], codings[1]].map { c -> CoderUnitCoding in
            var c = c; c.unit = UnitKey(passageId: c.unit.passageId == 1 ? 2 : 1, caseId: "A"); return c
        } + [Fixtures.coding("ann", "A", 7, [], length: 500), Fixtures.coding("bob", "A", 7, [], length: 500)]
        let r2 = try ReliabilityResult(ReliabilityRequest(criteria: Fixtures.criteria, codings: reordered, bootstrapReplicates: 0))
        let u2 = try #require(r2.criteria.first { $0.criterion == "WIR.link" }?.unitizing)
        #expect(abs(try #require(u2.alpha) - u.alpha!) < 1e-12)
    }

    @Test("a tag without a span is missing for unitizing: that passage is left out, not taken whole")
    func unspannedTag() throws {
        let spanned = [
            Fixtures.coding("ann", "A", 1, ["WIR.link"], length: 40, spans: ["WIR.link": [5..<15]]),
            Fixtures.coding("bob", "A", 1, ["WIR.link"], length: 40, spans: ["WIR.link": [5..<16]]),
        ]
        let base = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.link"], codings: spanned, bootstrapReplicates: 0))
        let alpha = try #require(base.criteria[0].unitizing?.alpha)
        let withUnspanned = spanned + [
            Fixtures.coding("ann", "A", 2, ["WIR.link"], length: 60, spans: ["WIR.link": [10..<20]]),
            Fixtures.coding("bob", "A", 2, ["WIR.link"], length: 60),   // tagged, no span
        ]
        let r = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.link"], codings: withUnspanned, bootstrapReplicates: 0))
        let u = try #require(r.criteria[0].unitizing)
        #expect(u.unspannedUnits.map(\.passageId) == [2])
        #expect(u.units.map(\.passageId) == [1])
        #expect(u.alpha == alpha)
    }
}
