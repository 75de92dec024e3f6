import Foundation

/// How probable one item of evidence is if a hypothesis holds and if it does not:
/// `P(E | H)` and `P(E | not H)`.
///
/// The weight of evidence is Good's (1950) and Turing's, in the unit Fairfield & Charman (2022,
/// "Social Inquiry and Bayesian Inference") use for process tracing: decibans (dB),
/// `10·log10(P(E | H) / P(E | not H))`. 10 dB multiplies the odds on H by ten, 3 dB roughly
/// doubles them, and about 1 dB is the smallest shift a reader notices.
public struct EvidenceLikelihood: Sendable, Hashable, Codable {
    /// `P(E | H)`.
    public var ifTrue: Double
    /// `P(E | not H)`.
    public var ifFalse: Double

    /// Checks both are probabilities.
    public init(ifTrue: Double, ifFalse: Double) throws(WeighingError) {
        guard ifTrue.isFinite, (0...1).contains(ifTrue) else { throw .notAProbability(ifTrue, what: "P(E | H)") }
        guard ifFalse.isFinite, (0...1).contains(ifFalse) else { throw .notAProbability(ifFalse, what: "P(E | not H)") }
        self.ifTrue = ifTrue
        self.ifFalse = ifFalse
    }

    /// The same evidence found absent (or, for a coded passage, found to contradict what it
    /// would show): `P(not E | H) = 1 − P(E | H)`, and so for the rival. A hoop test failed is
    /// the absence of hoop evidence; a smoking gun not found is the absence of a smoking gun.
    public var absence: EvidenceLikelihood {
        // Both complements stay within [0, 1]; no check can fail.
        try! EvidenceLikelihood(ifTrue: 1 - ifTrue, ifFalse: 1 - ifFalse)
    }

    /// `P(E | H) / P(E | not H)`: `+infinity` when the evidence is impossible under the rival,
    /// 0 when it is impossible under the hypothesis.
    public var ratio: Double {
        get throws(WeighingError) {
            if ifTrue == 0 && ifFalse == 0 { throw .impossibleEvidence(what: "P(E | H) = P(E | not H) = 0") }
            return ifFalse == 0 ? .infinity : ifTrue / ifFalse
        }
    }

    /// Weight of evidence in decibans, `10·log10(P(E | H) / P(E | not H))`; ±infinity for
    /// evidence impossible under one side.
    public var decibans: Double {
        get throws(WeighingError) { Weighing.decibans(ratio: try ratio) }
    }
}
