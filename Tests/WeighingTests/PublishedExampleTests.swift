import Foundation
import Testing
@testable import Weighing

/// Worked examples whose numbers are published, reproduced with the `Weighing` module.
///
/// Source of every example here: Macartan Humphreys and Alan M. Jacobs, 2023, *Integrated
/// Inferences: Causal Models for Qualitative and Mixed-Method Research* (Cambridge University
/// Press), chapter 5, "Bayesian Answers". Read in the book's public source,
/// github.com/integrated-inferences/book, `05-being-bayesian.qmd` (commit 5c14077) and its rendered
/// `_book/05-being-Bayesian.html` (commit f9a3b45), which give section numbers but no page numbers;
/// the sections are cited. Each test quotes the passage whose numbers it checks. Where the book
/// rounds (two decimals), the test checks the rounding; where it gives fractions, 1e-9.
///
/// The book writes probative value as log10 of the likelihood ratio (Good's weight of evidence in
/// bans); Dossier writes decibans, ten times that.
@Suite struct PublishedExampleTests {
    let tolerance = 1e-9

    /// The book's two-decimal rounding of a number.
    func twoDecimals(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    @Test("H&J 2023 §5.1.1: a positive result from a 99% test for a disease 1 in 100 have gives 50%")
    func diagnosticTest() throws {
        // "Say that you take a diagnostic test to see whether you suffer from a disease that affects
        // 1 in 100 people. ... if you have the disease, it will yield a positive result with a 99%
        // probability; and if you do not have the disease, then with a 99% probability, it will
        // deliver a negative result. ... In fact, the probability you have the disease, given your
        // positive result, is only 50%." (§5.1.1, "Interpreting Your Test Results")
        let positive = try EvidenceLikelihood(ifTrue: 0.99, ifFalse: 0.01)
        #expect(abs(try Weighing.posterior(prior: 0.01, evidence: [positive]) - 0.5) < tolerance)
        // The same as two rival hypotheses, sick and not sick: 99 / (99 + 99).
        let rivals = try Weighing.posteriors(priors: [0.01, 0.99], likelihoods: [[0.99, 0.01]])
        #expect(abs(rivals[0] - 0.5) < tolerance)
    }

    @Test("H&J 2023 §5.1.1: Mr Smith's two children, at least one a boy: both boys 1 in 3")
    func twoChildren() throws {
        // "Mr Smith has two children, A and B. At least one of them is a boy. What are the chances
        // they are both boys? ... the answer is 1 in 3." (§5.1.1, "Two-Child Problem"); §5.2.2
        // writes it as 1·¼ / (1·¼ + 1·¼ + 1·¼ + 0·¼) = 1/3. Four exclusive hypotheses (BB, BG, GB,
        // GG), one item with likelihood 0 under GG.
        let p = try Weighing.posteriors(priors: [0.25, 0.25, 0.25, 0.25], likelihoods: [[1, 1, 1, 0]])
        #expect(abs(p[0] - 1.0 / 3) < tolerance)
        #expect(p[3] == 0)
    }

    @Test("H&J 2023 §5.1.5: probative value 0.47 if the clue is found, 2.82 if it is not")
    func probativeValue() throws {
        // "say φ1 = Pr(K = 1 | H1) = 0.999 and φ0 = Pr(K = 1 | H = 0) = 0.333. The probative value
        // of the found clue is log(.999/.333) = 0.47 ... In this case, probative value is
        // log((1−φ0)/(1−φ1)) = log(.667/.001) = 2.82" (§5.1.5, "Learning"; logarithms to base 10).
        // The book cuts to two decimals rather than rounding: log10 3 = 0.4771 is printed 0.47
        // (its own R chunk computes `log(f1/f0, base = 10)`), log10 667 = 2.8241 as 2.82.
        func cut(_ x: Double) -> Double { (x * 100).rounded(.down) / 100 }
        let clue = try EvidenceLikelihood(ifTrue: 0.999, ifFalse: 0.333)
        #expect(cut(try clue.decibans / 10) == 0.47)
        #expect(abs(try clue.decibans - 10 * log10(3.0)) < tolerance)
        // The absence weighs for H0; Dossier gives the weight for H1, so the sign turns.
        #expect(cut(-(try clue.absence.decibans) / 10) == 2.82)
        #expect(abs(-(try clue.absence.decibans) - 10 * log10(667.0)) < 1e-9)
        // "For K1, suppose that we have (φ1 = 0.99, φ0 = 0.01), while for K2, we have
        // (φ1 = 0.099, φ0 = 0.001). The probative value measure does not distinguish between these
        // two clues" (same section): both are 10·log10 99 dB.
        let k1 = try EvidenceLikelihood(ifTrue: 0.99, ifFalse: 0.01)
        let k2 = try EvidenceLikelihood(ifTrue: 0.099, ifFalse: 0.001)
        #expect(abs(try k1.decibans - k2.decibans) < tolerance)
        #expect(abs(try k1.decibans - 10 * log10(99.0)) < tolerance)
    }

    @Test("H&J 2023 §5.2.1: a hoop test from a causal model, prior 1/3 to 1/2 if found, to 0 if not")
    func hoopFromModel() throws {
        // "we can calculate the probability that K=1 for a treated b and d case respectively as
        // φb = 1 and φd = 0.5 ... Pr(θ = b | K=1, X=Y=1) = (1 × 1/3) / (1 × 1/3 + 1/2 × 2/3) = 1/2 ...
        // we shift our beliefs that X=1 caused Y=1 from a prior of 1/3 to a posterior of 1/2. In
        // contrast, had we observed K=0, our posterior would have been 0." (§5.2.1, "Process
        // Tracing with a Model"). And: "The hoop test in this example makes use of an extreme
        // probability---a probability of 0 of not seeing a clue if a hypothesis is true."
        let clue = try EvidenceLikelihood(ifTrue: 1, ifFalse: 0.5)
        #expect(abs(try Weighing.posterior(prior: 1.0 / 3, evidence: [clue]) - 0.5) < tolerance)
        // The failed hoop: P(K=0 | b) = 0, an infinite weight against, a posterior of exactly 0.
        #expect(try clue.absence.decibans == -.infinity)
        #expect(try Weighing.posterior(prior: 1.0 / 3, evidence: [clue.absence]) == 0)
        // The prior itself, from the book's worksheet (Table 5.1): four equally likely type pairs
        // (bK,bY), (bK,dY), (cK,bY), (cK,dY); Y=1 given X=1 rules out (cK,bY), so θ = b has
        // "0.25/0.75 = 1/3"; K=1 given X=1 leaves the first two, so 1/2. As exclusive rivals:
        let rows = try Weighing.posteriors(priors: [0.25, 0.25, 0.25, 0.25], likelihoods: [[1, 1, 0, 1]])
        #expect(abs(rows[0] - 1.0 / 3) < tolerance)
        let withClue = try Weighing.posteriors(priors: [0.25, 0.25, 0.25, 0.25], likelihoods: [[1, 1, 0, 1], [1, 1, 0, 0]])
        #expect(abs(withClue[0] - 0.5) < tolerance)
    }

    @Test("H&J 2023 §5.3.1, Figure 5.3: the four tests' likelihoods; a failed hoop moves 0.74 to 0.26")
    func testsOfFigure53() throws {
        // The figure's source draws `plotit(.4, .6, "Straw in the Wind")`, `plotit(.6, .95, "Hoop")`,
        // `plotit(.05, .4, "Smoking Gun")` and `plotit(.05, .95, "Doubly Decisive")`, where
        // `plotit(k0, k1)` takes k0 = Pr(clue | not H) and k1 = Pr(clue | H). The text: "For the
        // smoking gun example (with probative value of just 0.9 ...) ... For the hoop test (also with
        // probative value of just 0.9), the amount of learning when the clue is not observed is
        // greatest for hypotheses in which we have middling-high confidence (around 0.75) ... At the
        // maximum, beliefs change from 0.74 to 0.26" (§5.3.1, "Priors Matter").
        let gun = try EvidenceLikelihood(ifTrue: 0.4, ifFalse: 0.05)
        let hoop = try EvidenceLikelihood(ifTrue: 0.95, ifFalse: 0.6)
        #expect(twoDecimals(try gun.decibans / 10) == 0.9)
        #expect(twoDecimals(-(try hoop.absence.decibans) / 10) == 0.9)
        let failed = try Weighing.posterior(prior: 0.74, evidence: [hoop.absence])
        #expect(twoDecimals(failed) == 0.26)
        // Where the fall is largest, on a grid of priors 0.01 apart: 0.74, as the book says.
        var best = (prior: 0.0, fall: -1.0)
        for i in 1...99 {
            let p = Double(i) / 100
            let fall = p - (try Weighing.posterior(prior: p, evidence: [hoop.absence]))
            if fall > best.fall { best = (p, fall) }
        }
        #expect(abs(best.prior - 0.74) < 1e-12)
    }

    @Test("H&J 2023 §5.3.2: two possible worlds, smoking gun or hoop, give 3/4; world A alone gives certainty")
    func twoWorlds() throws {
        // "Integrating over worlds the joint probabilities for H and K are: Pr(H = 0, K=0) = 1/3,
        // Pr(H = 0, K=1) = 1/9, Pr(H = 1, K = 0) = 2/9, Pr(H = 1, K = 1) = 1/3. And from these
        // numbers we can calculate the probability H=1 given K=1 as (1/3)/(1/3 + 1/9) = 3/4."
        // (§5.3.2, "Simultaneous, joint updating"). As a binary weighing: P(H) = 5/9,
        // P(K=1 | H) = (1/3)/(5/9) = 3/5, P(K=1 | not H) = (1/9)/(4/9) = 1/4.
        let k = try EvidenceLikelihood(ifTrue: 3.0 / 5, ifFalse: 1.0 / 4)
        #expect(abs(try Weighing.posterior(prior: 5.0 / 9, evidence: [k]) - 0.75) < tolerance)
        // The third approach, over eight states (H, K, W) with the book's joint probabilities; the
        // datum K=1 has likelihood 1 for states with K=1 and 0 otherwise.
        let states: [(h: Int, k: Int, p: Double)] = [(0, 0, 2.0 / 9), (0, 1, 0), (1, 0, 2.0 / 9), (1, 1, 2.0 / 9),
                                                     (0, 0, 1.0 / 9), (0, 1, 1.0 / 9), (1, 0, 0), (1, 1, 1.0 / 9)]
        // Zero-prior states are not hypotheses anyone entertains; leave them out.
        let live = states.filter { $0.p > 0 }
        let post = try Weighing.posteriors(priors: live.map(\.p), likelihoods: [live.map { Double($0.k) }])
        let h1 = zip(live, post).filter { $0.0.h == 1 }.map(\.1).reduce(0, +)
        #expect(abs(h1 - 0.75) < tolerance)
        // "If we knew we were in World A, then on learning K=1 we would be sure that H=1; whereas if
        // we knew that we were in World B, then on learning K we would put the probability that
        // H = 1 at 0.5." From the book's joint probabilities within world A: P(H=1 | A) = 2/3,
        // P(K=1 | H=1, A) = (1/3)/(2/3) = 1/2 and P(K=1 | H=0, A) = 0, an infinite weight.
        let worldA = try EvidenceLikelihood(ifTrue: 0.5, ifFalse: 0)
        #expect(try worldA.decibans == .infinity)
        #expect(try Weighing.posterior(prior: 2.0 / 3, evidence: [worldA]) == 1)
        // World B: P(H=1 | B) = 1/3; P(K=1 | H=1, B) = 1; P(K=1 | H=0, B) = (1/3)/(2/3) = 1/2.
        let worldB = try EvidenceLikelihood(ifTrue: 1, ifFalse: 0.5)
        #expect(abs(try Weighing.posterior(prior: 1.0 / 3, evidence: [worldB]) - 0.5) < tolerance)
    }

    @Test("H&J 2023 §5.3.3: the order of the data does not matter (Jack of Spades: 1/12 or 1/26, then 1/6)")
    func cardOrder() throws {
        // "If we learn first that a card is a face card and second that it is black, our posteriors
        // that the card is a Jack of Spades go from 1 in 52 to 1 in 12 to 1 in 6. If we learn first
        // that the card is black and second that it is a face card, our posteriors that it is a
        // Jack of Spades go from 1 in 52 to 1 in 26 to 1 in 6." (§5.3.3)
        // 52 exclusive hypotheses (which card); each datum has likelihood 1 or 0 per card.
        let suits = ["S", "C", "H", "D"]
        let cards = suits.flatMap { s in (1...13).map { (suit: s, rank: $0) } }
        let priors = Array(repeating: 1.0 / 52, count: 52)
        let face = cards.map { $0.rank >= 11 ? 1.0 : 0 }
        let black = cards.map { $0.suit == "S" || $0.suit == "C" ? 1.0 : 0 }
        let jack = cards.firstIndex { $0.suit == "S" && $0.rank == 11 }!
        #expect(abs(try Weighing.posteriors(priors: priors, likelihoods: [face])[jack] - 1.0 / 12) < tolerance)
        #expect(abs(try Weighing.posteriors(priors: priors, likelihoods: [black])[jack] - 1.0 / 26) < tolerance)
        #expect(abs(try Weighing.posteriors(priors: priors, likelihoods: [face, black])[jack] - 1.0 / 6) < tolerance)
        #expect(abs(try Weighing.posteriors(priors: priors, likelihoods: [black, face])[jack] - 1.0 / 6) < tolerance)
        // The same with Jack of Spades against everything else: the weights add only when each
        // likelihood under "not the Jack of Spades" is taken given the data before it (5 of the 11
        // other face cards are black; 5 of the 25 other black cards are face cards). Taking the
        // second datum's unconditional 25/51 instead misstates it (odds 1/51 · 51/11 · 51/25 =
        // 51/275, posterior 51/326 ≈ 0.156, not 1/6): the items are not independent given "not H",
        // the assumption `weigh` names in every output.
        let faceFirst = try Weighing.posterior(prior: 1.0 / 52, evidence: [
            EvidenceLikelihood(ifTrue: 1, ifFalse: 11.0 / 51), EvidenceLikelihood(ifTrue: 1, ifFalse: 5.0 / 11)])
        let blackFirst = try Weighing.posterior(prior: 1.0 / 52, evidence: [
            EvidenceLikelihood(ifTrue: 1, ifFalse: 25.0 / 51), EvidenceLikelihood(ifTrue: 1, ifFalse: 5.0 / 25)])
        #expect(abs(faceFirst - 1.0 / 6) < tolerance)
        #expect(abs(blackFirst - 1.0 / 6) < tolerance)
        let naive = try Weighing.posterior(prior: 1.0 / 52, evidence: [
            EvidenceLikelihood(ifTrue: 1, ifFalse: 11.0 / 51), EvidenceLikelihood(ifTrue: 1, ifFalse: 25.0 / 51)])
        #expect(abs(naive - 51.0 / 326) < tolerance)
    }
}
