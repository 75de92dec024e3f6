import Foundation
import Testing
@testable import Weighing

/// Properties every weighing must have, checked over seeded random inputs.
@Suite struct PropertyTests {
    /// A small deterministic generator (SplitMix64) so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func unit(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
        }
    }

    @Test("evidence with likelihood ratio 1 changes nothing")
    func neutral() throws {
        var r = Random(state: 1)
        for _ in 0..<200 {
            let prior = r.unit(0.01...0.99), p = r.unit(0.01...0.99)
            let e = try EvidenceLikelihood(ifTrue: p, ifFalse: p)
            #expect(try e.decibans == 0)
            #expect(abs(try Weighing.posterior(prior: prior, evidence: [e]) - prior) < 1e-12)
            #expect(abs(try Weighing.posterior(prior: prior, evidence: [e.absence]) - prior) < 1e-12)
        }
    }

    @Test("the order of the evidence does not change the posterior")
    func order() throws {
        var r = Random(state: 2)
        for _ in 0..<200 {
            let prior = r.unit(0.05...0.95)
            let weights = (0..<Int(r.next() % 8)).map { _ in r.unit(-15...15) }
            var shuffled = weights
            for i in shuffled.indices.reversed() where i > 0 { shuffled.swapAt(i, Int(r.next() % UInt64(i + 1))) }
            #expect(abs(try Weighing.posterior(prior: prior, weights: weights) - Weighing.posterior(prior: prior, weights: shuffled)) < 1e-12)
            let rows = (0..<3).map { _ in (0..<3).map { _ in r.unit(0.01...0.99) } }
            let a = try Weighing.posteriors(priors: [0.2, 0.3, 0.5], likelihoods: rows)
            let b = try Weighing.posteriors(priors: [0.2, 0.3, 0.5], likelihoods: rows.reversed())
            for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-12) }
        }
    }

    @Test("log-odds and probability are inverses; weights add; the absence of the absence is the evidence")
    func inverses() throws {
        var r = Random(state: 3)
        for _ in 0..<200 {
            let p = r.unit(0.001...0.999)
            #expect(abs(Weighing.probability(logOdds: try Weighing.logOdds(probability: p)) - p) < 1e-12)
            let e = try EvidenceLikelihood(ifTrue: r.unit(0.01...0.99), ifFalse: r.unit(0.01...0.99))
            #expect(e.absence.absence == e || abs(e.absence.absence.ifTrue - e.ifTrue) < 1e-15)
            // A result and its absence point opposite ways (or both nowhere).
            let w = try e.decibans, a = try e.absence.decibans
            #expect(w == 0 ? a == 0 : (w > 0) != (a > 0))
        }
        #expect(Weighing.probability(logOdds: 400) == 1)
        #expect(Weighing.probability(logOdds: -400) < 1e-39)
    }

    @Test("damping by 1 changes nothing; by f takes the f-th root of the ratio")
    func damping() throws {
        #expect(try Weighing.damped(9, by: 1) == 9)
        #expect(abs(Weighing.ratio(decibans: try Weighing.damped(Weighing.decibans(ratio: 16), by: 2)) - 4) < 1e-12)
        #expect(throws: WeighingError.badFactor(0.5)) { try Weighing.damped(1, by: 0.5) }
    }

    @Test("bad input is refused in words")
    func refusals() {
        #expect(throws: WeighingError.notAProbability(1.2, what: "P(E | H)")) { try EvidenceLikelihood(ifTrue: 1.2, ifFalse: 0.5) }
        #expect(throws: WeighingError.certainPrior(1, what: "the prior")) { try Weighing.posterior(prior: 1, weights: [3]) }
        #expect(throws: WeighingError.impossibleEvidence(what: "P(E | H) = P(E | not H) = 0")) {
            try EvidenceLikelihood(ifTrue: 0, ifFalse: 0).decibans
        }
        #expect(throws: WeighingError.contradictoryCertainties("the weights")) {
            try Weighing.posterior(prior: 0.5, weights: [.infinity, 2, -.infinity])
        }
        #expect(throws: WeighingError.mismatchedHypotheses(expected: 3, got: 2, what: "item 1")) {
            try Weighing.posteriors(priors: [0.2, 0.3, 0.5], likelihoods: [[0.1, 0.2]])
        }
        #expect(WeighingError.certainPrior(0, what: "the prior of WIR").description.contains("strictly between 0 and 1"))
    }

    @Test("evidence impossible under the rival makes the hypothesis certain, and says so")
    func certainty() throws {
        let e = try EvidenceLikelihood(ifTrue: 0.3, ifFalse: 0)
        #expect(try e.decibans == .infinity)
        #expect(try Weighing.posterior(prior: 0.1, evidence: [e]) == 1)
    }

    /// The definition, item by item: remove one weight, sum the rest in order, compare leanings.
    static func decisiveByDefinition(prior: Double, weights: [Double]) throws -> [Int] {
        let lean = Leaning(posterior: try Weighing.posterior(prior: prior, weights: weights))
        return try weights.indices.filter { i in
            guard weights[i] != 0 else { return false }
            var rest = weights
            rest.remove(at: i)
            return Leaning(posterior: try Weighing.posterior(prior: prior, weights: rest)) != lean
        }
    }

    @Test("decisive items in one pass are the items whose removal alone flips the leaning, ties and certainties included")
    func decisiveItemsMatchTheDefinition() throws {
        var r = Random(state: 7)
        // Weights drawn from a few exact values make exact ties (an even posterior, a removal
        // landing on 0 dB) common; ±infinity covers likelihoods of 0.
        let pool: [Double] = [9.03089986991944, -9.03089986991944, 1.99572354905204, -1.76091259055681,
                              3.010299956639812, -3.010299956639812, 0.5, -0.5, 0]
        var flipped = 0
        for round in 0..<2_000 {
            let prior = [0.5, 0.3, 0.7, r.unit(0.05...0.95)][Int(r.next() % 4)]
            var weights = (0..<Int(r.next() % 9)).map { _ in round % 2 == 0 ? pool[Int(r.next() % UInt64(pool.count))] : r.unit(-15...15) }
            if r.next() % 10 == 0 { weights.append(r.next() % 2 == 0 ? .infinity : -.infinity) }
            if r.next() % 20 == 0 { weights.append(weights.last == .infinity ? .infinity : -.infinity) }
            if weights.contains(.infinity) && weights.contains(-.infinity) { continue }
            let expected = try Self.decisiveByDefinition(prior: prior, weights: weights)
            let s = try Sensitivity(prior: prior, weights: weights)
            #expect(s.decisiveItems == expected, "prior \(prior), weights \(weights)")
            if !expected.isEmpty { flipped += 1 }
        }
        #expect(flipped > 100, "the draws include many decisive items")
    }

    @Test("decisive items at scale: 20,000 items, the same as the definition on a sample of positions")
    func decisiveItemsAtScale() throws {
        var r = Random(state: 11)
        var weights = (0..<20_000).map { _ in r.unit(-3...3) }
        let total = try Weighing.posteriorLogOdds(prior: 0.5, weights: weights)
        weights.append(-total + 2.5)   // the total lands at +2.5 dB: items above 2.5 dB are decisive
        let s = try Sensitivity(prior: 0.5, weights: weights)
        let expected = weights.indices.filter { weights[$0] > 2.5 + 1e-9 }
        #expect(s.decisiveItems.count == expected.count && s.decisiveItems == expected)
    }
}
