import Foundation
import Testing
@testable import Weighing

/// Worked examples computed by hand, with the arithmetic written out, in the notation of
/// Fairfield & Charman (2022, "Social Inquiry and Bayesian Inference"): weight of
/// evidence in decibans, `WoE = 10·log10 P(E|H)/P(E|¬H)`; posterior log-odds = prior log-odds +
/// Σ WoE for items independent given H and given ¬H. The likelihoods are Dossier's defaults per
/// Van Evera test (see README, "Weighing the evidence"). Tolerance 1e-9 throughout.
@Suite struct WorkedExampleTests {
    let tolerance = 1e-9

    @Test("decibans: a ratio of 10 is 10 dB, 2 is 10·log10 2 ≈ 3.0103 dB, 1 is nothing")
    func units() {
        #expect(abs(Weighing.decibans(ratio: 10) - 10) < tolerance)
        #expect(abs(Weighing.decibans(ratio: 100) - 20) < tolerance)
        // log10 2 = 0.30102999566398120
        #expect(abs(Weighing.decibans(ratio: 2) - 3.0102999566398120) < tolerance)
        #expect(Weighing.decibans(ratio: 1) == 0)
        #expect(abs(Weighing.ratio(decibans: 3.0102999566398120) - 2) < tolerance)
    }

    @Test("the four tests' default weights, passed and failed")
    func testWeights() throws {
        // Hoop 0.95 / 0.60: passed 10·log10(0.95/0.60) = 10·log10(1.58333…) = 1.99572354905204 dB;
        // failed 10·log10(0.05/0.40) = 10·log10(0.125) = −9.03089986991944 dB.
        let hoop = try EvidenceLikelihood(ifTrue: 0.95, ifFalse: 0.60)
        #expect(abs(try hoop.decibans - 1.99572354905204) < tolerance)
        #expect(abs(try hoop.absence.decibans - -9.03089986991944) < tolerance)
        // Smoking gun 0.40 / 0.05: passed 10·log10 8 = 9.03089986991944 dB; failed
        // 10·log10(0.60/0.95) = −1.99572354905204 dB — the hoop test's mirror image.
        let gun = try EvidenceLikelihood(ifTrue: 0.40, ifFalse: 0.05)
        #expect(abs(try gun.decibans - 9.03089986991944) < tolerance)
        #expect(abs(try gun.absence.decibans - -1.99572354905204) < tolerance)
        // Straw in the wind 0.60 / 0.40: ±10·log10 1.5 = ±1.76091259055681 dB.
        let straw = try EvidenceLikelihood(ifTrue: 0.60, ifFalse: 0.40)
        #expect(abs(try straw.decibans - 1.76091259055681) < tolerance)
        #expect(abs(try straw.absence.decibans - -1.76091259055681) < tolerance)
        // Doubly decisive 0.95 / 0.05: ±10·log10 19 = ±12.7875360095283 dB.
        let dd = try EvidenceLikelihood(ifTrue: 0.95, ifFalse: 0.05)
        #expect(abs(try dd.decibans - 12.7875360095283) < tolerance)
        #expect(abs(try dd.absence.decibans - -12.7875360095283) < tolerance)
    }

    @Test("three items from an even prior: smoking gun found, hoop passed, straw against")
    func threeItems() throws {
        // Prior 1/2: odds 1, 0 dB. Likelihood ratios 8, 0.95/0.60 = 19/12, and (1−0.6)/(1−0.4) = 2/3.
        // Posterior odds 8 · 19/12 · 2/3 = 304/36 = 76/9; posterior (76/9)/(1 + 76/9) = 76/85.
        let items = [try EvidenceLikelihood(ifTrue: 0.40, ifFalse: 0.05),
                     try EvidenceLikelihood(ifTrue: 0.95, ifFalse: 0.60),
                     try EvidenceLikelihood(ifTrue: 0.60, ifFalse: 0.40).absence]
        let weights = try items.map { try $0.decibans }
        let running = try Weighing.runningLogOdds(prior: 0.5, weights: weights)
        // 9.03090 → 9.03090 + 1.99572 = 11.02662 → 11.02662 − 1.76091 = 9.26571 dB = 10·log10(76/9).
        #expect(abs(running[0] - 9.03089986991944) < tolerance)
        #expect(abs(running[1] - 11.0266234189715) < tolerance)
        #expect(abs(running[2] - 10 * log10(76.0 / 9)) < tolerance)
        #expect(abs(try Weighing.posterior(prior: 0.5, weights: weights) - 76.0 / 85) < tolerance)
        #expect(abs(try Weighing.posterior(prior: 0.5, evidence: items) - 76.0 / 85) < tolerance)
        // From a sceptical prior 0.2: odds 1/4 · 76/9 = 19/9, posterior 19/28 ≈ 0.678571.
        #expect(abs(try Weighing.posterior(prior: 0.2, weights: weights) - 19.0 / 28) < tolerance)
    }

    @Test("a failed hoop test drives the hypothesis down by its stated weight")
    func failedHoop() throws {
        // Prior 0.7: log-odds 10·log10(7/3) = 3.67976785294594 dB; failed hoop −9.03089986991944 dB;
        // posterior log-odds −5.35113201697350 dB; odds (7/3)·(1/8) = 7/24; posterior 7/31.
        let w = try EvidenceLikelihood(ifTrue: 0.95, ifFalse: 0.60).absence.decibans
        let prior = try Weighing.priorLogOdds(0.7)
        #expect(abs(prior - 3.67976785294594) < tolerance)
        let after = try Weighing.posteriorLogOdds(prior: 0.7, weights: [w])
        #expect(abs((after - prior) - -9.03089986991944) < tolerance)
        #expect(abs(try Weighing.posterior(prior: 0.7, weights: [w]) - 7.0 / 31) < tolerance)
    }

    @Test("three rival hypotheses, two items")
    func rivals() throws {
        // Priors (0.5, 0.3, 0.2). Item 1: P(E1|Hj) = (0.8, 0.4, 0.1) → joint (0.40, 0.12, 0.02),
        // sum 0.54 → (20/27, 2/9, 1/27). Item 2: (0.5, 0.5, 0.9) → joint (0.20, 0.06, 0.018),
        // sum 0.278 → (100/139, 30/139, 9/139).
        let one = try Weighing.posteriors(priors: [0.5, 0.3, 0.2], likelihoods: [[0.8, 0.4, 0.1]])
        for (a, b) in zip(one, [20.0 / 27, 2.0 / 9, 1.0 / 27]) { #expect(abs(a - b) < tolerance) }
        let two = try Weighing.posteriors(priors: [0.5, 0.3, 0.2], likelihoods: [[0.8, 0.4, 0.1], [0.5, 0.5, 0.9]])
        for (a, b) in zip(two, [100.0 / 139, 30.0 / 139, 9.0 / 139]) { #expect(abs(a - b) < tolerance) }
        // Pairwise, H1 against H2 on item 1: 10·log10(0.8/0.4) = 3.0103 dB; the posterior odds
        // H1:H2 are the prior odds 5:3 times 2 = 10:3, as 100/139 : 30/139.
        #expect(abs(try Weighing.pairwiseDecibans(ifFirst: 0.8, ifSecond: 0.4) - 3.0102999566398120) < tolerance)
        #expect(abs(two[0] / two[1] - 10.0 / 3) < tolerance)
        // Two rivals reduce to the binary form: prior 0.5, item (0.4, 0.05) → 8/9.
        let binary = try Weighing.posteriors(priors: [0.5, 0.5], likelihoods: [[0.4, 0.05]])
        #expect(abs(binary[0] - 8.0 / 9) < tolerance)
    }

    @Test("sensitivity: the three-item example over a prior grid, halved weights, decisive items")
    func sensitivity() throws {
        let weights = [9.03089986991944, 1.99572354905204, -1.76091259055681]
        let s = try Sensitivity(prior: 0.5, weights: weights, grid: [0.1, 0.5, 0.9], dampingFactor: 2)
        // Prior 0.1: odds 1/9 · 76/9 = 76/81 → 76/157 ≈ 0.484, below one half: the leaning does not survive.
        #expect(abs(s.grid[0].posterior - 76.0 / 157) < tolerance)
        // Prior 0.9: odds 9 · 76/9 = 76 → 76/77.
        #expect(abs(s.grid[2].posterior - 76.0 / 77) < tolerance)
        #expect(s.leaning == .hypothesis)
        #expect(!s.survivesPriorGrid)
        // Halved weights: odds sqrt(76/9) = 2.90593…, posterior 2.90593/3.90593 = 0.743980…
        let odds = (76.0 / 9).squareRoot()
        #expect(abs(s.dampedPosterior - odds / (1 + odds)) < tolerance)
        #expect(s.survivesDamping)
        // Removing one item at a time: without the smoking gun the odds are 19/12 · 2/3 = 19/18 > 1;
        // without the hoop 8 · 2/3 = 16/3; without the straw 8 · 19/12 = 38/3. None flips it.
        #expect(s.decisiveItems.isEmpty)
        // At prior 0.3 the smoking gun is decisive: odds 3/7 · 19/18 = 57/126 < 1 without it.
        let t = try Sensitivity(prior: 0.3, weights: weights)
        #expect(t.leaning == .hypothesis)   // 3/7 · 76/9 = 228/63 > 1
        #expect(t.decisiveItems == [0])
    }

    @Test("overlapping categories: each weighed against its negation is the marginal of the exclusive combinations")
    func overlappingCategories() throws {
        // Two categories a case may both belong to (Henke 2019: recipient types "overlap in
        // practice"; a payment "can have both" schemes). Bayes' rule needs exclusive, exhaustive
        // hypotheses (Humphreys & Jacobs 2023, §5.1.2: "while the hypotheses that enter the formula
        // have to be mutually exclusive, that does not prevent us from drawing downstream inferences
        // about hypotheses that are not mutually exclusive"); Rohlfing (2020, "Multiple non-exclusive
        // hypotheses in Bayesianism", github.com/ingorohlfing/Bayes_hypotheses) makes them exclusive
        // as the 2^k combinations. With priors independent across categories and each item bearing
        // on one category, the combinations' posterior, summed, gives each category exactly its
        // binary posterior: A against not-A loses nothing.
        let (pA, pB) = (1.0 / 3, 2.0 / 3)
        let eA = try EvidenceLikelihood(ifTrue: 0.9, ifFalse: 0.3)    // bears on A only
        let eB = try EvidenceLikelihood(ifTrue: 0.4, ifFalse: 0.05)   // bears on B only
        let combos = [(a: true, b: true), (a: true, b: false), (a: false, b: true), (a: false, b: false)]
        let priors = combos.map { ($0.a ? pA : 1 - pA) * ($0.b ? pB : 1 - pB) }
        let likelihoods = [combos.map { $0.a ? eA.ifTrue : eA.ifFalse }, combos.map { $0.b ? eB.ifTrue : eB.ifFalse }]
        let joint = try Weighing.posteriors(priors: priors, likelihoods: likelihoods)
        let marginalA = zip(combos, joint).filter { $0.0.a }.map(\.1).reduce(0, +)
        let marginalB = zip(combos, joint).filter { $0.0.b }.map(\.1).reduce(0, +)
        // A: odds 1/2 · 3 = 3/2 → 3/5. B: odds 2 · 8 = 16 → 16/17.
        #expect(abs(marginalA - (try Weighing.posterior(prior: pA, evidence: [eA]))) < tolerance)
        #expect(abs(marginalA - 3.0 / 5) < tolerance)
        #expect(abs(marginalB - (try Weighing.posterior(prior: pB, evidence: [eB]))) < tolerance)
        #expect(abs(marginalB - 16.0 / 17) < tolerance)
        // Both at once: 3/5 · 16/17 = 48/85. Forcing A and B into one exclusive pair instead
        // (posteriors normalised over the two categories) would make them sum to 1 and could not
        // say that both are probably true.
        #expect(abs(joint[0] - 48.0 / 85) < tolerance)
        #expect(marginalA + marginalB > 1)
    }
}
