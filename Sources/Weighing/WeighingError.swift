/// Why a weighing could not be done, in a researcher's words.
public enum WeighingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A probability outside [0, 1] (or not a number), with what it was meant to be.
    case notAProbability(Double, what: String)
    /// A prior of exactly 0 or 1: no evidence could ever move it (Cromwell's rule; Fairfield &
    /// Charman 2022 ask for priors strictly between the two).
    case certainPrior(Double, what: String)
    /// Evidence with probability 0 under the hypothesis and under its rival: it could not have
    /// been observed at all, so it carries no defined weight.
    case impossibleEvidence(what: String)
    /// One item makes the hypothesis certain and another rules it out: the likelihoods given
    /// contradict each other (a 0 where a small probability was meant).
    case contradictoryCertainties(String)
    /// Rival hypotheses and their likelihoods do not line up.
    case mismatchedHypotheses(expected: Int, got: Int, what: String)
    /// A factor that must be at least 1 was not.
    case badFactor(Double)

    public var description: String {
        switch self {
        case .notAProbability(let p, let what):
            return "\(what) is \(p); a probability lies between 0 and 1"
        case .certainPrior(let p, let what):
            return "\(what) is \(p); a prior of exactly 0 or 1 can never be moved by evidence, give one strictly between 0 and 1"
        case .impossibleEvidence(let what):
            return "\(what): the evidence has probability 0 whether or not the hypothesis holds, so it has no weight"
        case .contradictoryCertainties(let what):
            return "\(what): one item of evidence makes the hypothesis certain and another rules it out; use small probabilities rather than 0"
        case .mismatchedHypotheses(let expected, let got, let what):
            return "\(what) gives \(got) value(s) for \(expected) rival hypotheses"
        case .badFactor(let f):
            return "the damping factor is \(f); it must be at least 1 (1 leaves every weight as it is)"
        }
    }
}
