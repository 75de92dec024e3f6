import Foundation

/// Bayesian updating in the log-odds form process tracers use (Fairfield & Charman 2022
/// and 4): a prior's log-odds plus the weights of the evidence gives the posterior's log-odds,
/// when the items are independent given the hypothesis (and given its rival). That independence
/// is an assumption every caller must name; this module only does the arithmetic.
///
/// Log-odds and weights are in decibans throughout: `10·log10(odds)`.
public enum Weighing {
    /// `10·log10(ratio)`.
    public static func decibans(ratio: Double) -> Double {
        ratio == .infinity ? .infinity : (ratio == 0 ? -.infinity : 10 * log10(ratio))
    }

    /// `10^(decibans/10)`.
    public static func ratio(decibans: Double) -> Double {
        pow(10, decibans / 10)
    }

    /// The log-odds of a probability in decibans, `10·log10(p / (1 − p))`; ±infinity at 1 and 0.
    public static func logOdds(probability p: Double) throws(WeighingError) -> Double {
        guard p.isFinite, (0...1).contains(p) else { throw .notAProbability(p, what: "the probability") }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return 10 * log10(p / (1 - p))
    }

    /// The probability whose log-odds are `decibans`: `1 / (1 + 10^(−dB/10))`.
    public static func probability(logOdds decibans: Double) -> Double {
        if decibans == .infinity { return 1 }
        if decibans == -.infinity { return 0 }
        // Written so that neither branch overflows for large |dB|.
        if decibans >= 0 {
            return 1 / (1 + pow(10, -decibans / 10))
        }
        let o = pow(10, decibans / 10)
        return o / (1 + o)
    }

    /// Checks a prior is a probability strictly between 0 and 1 and returns its log-odds.
    public static func priorLogOdds(_ prior: Double, what: String = "the prior") throws(WeighingError) -> Double {
        guard prior.isFinite, (0...1).contains(prior) else { throw .notAProbability(prior, what: what) }
        guard prior > 0, prior < 1 else { throw .certainPrior(prior, what: what) }
        return try logOdds(probability: prior)
    }

    /// The log-odds after each item in turn, starting from the prior's: element `i` is the prior's
    /// log-odds plus the weights of items `0...i`. Empty weights give an empty list.
    public static func runningLogOdds(prior: Double, weights: [Double]) throws(WeighingError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(weights.count)
        _ = try accumulate(prior: prior, weights: weights) { out.append($0) }
        return out
    }

    /// The posterior log-odds: the prior's plus the sum of the weights.
    public static func posteriorLogOdds(prior: Double, weights: [Double]) throws(WeighingError) -> Double {
        try accumulate(prior: prior, weights: weights) { _ in }
    }

    /// Adds the weights to the prior's log-odds in order, handing each step to `step`; refuses
    /// weights that hold both +infinity and -infinity (the posterior would be 0/0).
    private static func accumulate(prior: Double, weights: [Double], step: (Double) -> Void) throws(WeighingError) -> Double {
        var current = try priorLogOdds(prior)
        var sawPlus = false, sawMinus = false
        for w in weights {
            if w == .infinity { sawPlus = true }
            if w == -.infinity { sawMinus = true }
            if sawPlus && sawMinus { throw .contradictoryCertainties("the weights") }
            current += w
            step(current)
        }
        return current
    }

    /// `P(H | E1 … En)` for a binary hypothesis with prior `P(H)` and items of evidence that are
    /// independent given H and given not H.
    public static func posterior(prior: Double, weights: [Double]) throws(WeighingError) -> Double {
        probability(logOdds: try posteriorLogOdds(prior: prior, weights: weights))
    }

    /// `P(H | E1 … En)` computed from the likelihoods themselves.
    public static func posterior(prior: Double, evidence: [EvidenceLikelihood]) throws(WeighingError) -> Double {
        var weights: [Double] = []
        for e in evidence { weights.append(try e.decibans) }
        return try posterior(prior: prior, weights: weights)
    }

    /// Posteriors over mutually exclusive, exhaustive rival hypotheses `H1 … Hk`:
    /// `P(Hj | E) ∝ P(Hj) · Π_i P(Ei | Hj)`, normalised (Fairfield & Charman 2022, Bayes'
    /// rule for several hypotheses). `likelihoods[i][j]` is `P(Ei | Hj)`.
    ///
    /// Computed in logarithms, so many small likelihoods do not underflow.
    public static func posteriors(priors: [Double], likelihoods: [[Double]]) throws(WeighingError) -> [Double] {
        let k = priors.count
        guard k >= 2 else { throw .mismatchedHypotheses(expected: 2, got: k, what: "the priors") }
        for (j, p) in priors.enumerated() {
            guard p.isFinite, (0...1).contains(p) else { throw .notAProbability(p, what: "the prior of hypothesis \(j + 1)") }
            guard p > 0 else { throw .certainPrior(p, what: "the prior of hypothesis \(j + 1)") }
        }
        let total = priors.reduce(0, +)
        guard abs(total - 1) < 1e-9 else { throw .notAProbability(total, what: "the sum of the priors (it must be 1)") }
        var logs = priors.map { log($0) }
        for (i, row) in likelihoods.enumerated() {
            guard row.count == k else { throw .mismatchedHypotheses(expected: k, got: row.count, what: "item \(i + 1)") }
            for (j, l) in row.enumerated() {
                guard l.isFinite, (0...1).contains(l) else { throw .notAProbability(l, what: "P(E\(i + 1) | H\(j + 1))") }
                logs[j] += log(l)
            }
            if logs.allSatisfy({ $0 == -.infinity }) {
                throw .impossibleEvidence(what: "item \(i + 1), with the items before it,")
            }
        }
        let top = logs.max()!
        let scaled = logs.map { exp($0 - top) }
        let sum = scaled.reduce(0, +)
        return scaled.map { $0 / sum }
    }

    /// Weight of evidence for `Hi` against a single rival `Hj`:
    /// `10·log10(P(E | Hi) / P(E | Hj))` (Fairfield & Charman 2022, pairwise comparison).
    public static func pairwiseDecibans(ifFirst: Double, ifSecond: Double) throws(WeighingError) -> Double {
        try EvidenceLikelihood(ifTrue: ifFirst, ifFalse: ifSecond).decibans
    }

    /// A weight moved toward 0 dB (likelihood ratio toward 1) by `factor`: `w / factor`, so the
    /// ratio becomes its `factor`-th root. Factor 1 leaves it; 2 halves it in decibans.
    public static func damped(_ weight: Double, by factor: Double) throws(WeighingError) -> Double {
        guard factor.isFinite, factor >= 1 else { throw .badFactor(factor) }
        return weight / factor
    }
}
