/// What to assess: the codings of a reliability round and how to summarise them.
public struct ReliabilityRequest: Sendable {
    /// Criterion ids in codebook order; results follow this order.
    public var criteria: [String]
    /// Every finished coding of the round. Units fewer than two coders finished are left out of
    /// every reliability figure (they are listed in ``ReliabilityResult/singleCodedUnits``).
    public var codings: [CoderUnitCoding]
    /// Bootstrap replicates for alpha's interval and the probabilities of falling short (0 = none).
    public var bootstrapReplicates: Int = 1000
    /// Seed for the bootstrap, so a report can be reproduced exactly.
    public var seed: UInt64 = 1
    /// Minimum acceptable alphas, lowest first. The lowest separates "unreliable" from "tentative",
    /// the highest "tentative" from "reliable" (Krippendorff's .667 and .800 by default).
    public var minimums: [Double] = [0.667, 0.8]
    /// The verdict's thresholds (a codebook may set its own); the verdict judges the lower limit of
    /// alpha's interval against them (see ``ReliabilityVerdict``).
    public var thresholds = ReliabilityThresholds()

    public init(criteria: [String], codings: [CoderUnitCoding], bootstrapReplicates: Int = 1000,
                seed: UInt64 = 1, minimums: [Double] = [0.667, 0.8], thresholds: ReliabilityThresholds = ReliabilityThresholds()) {
        self.thresholds = thresholds
        self.criteria = criteria
        self.codings = codings
        self.bootstrapReplicates = bootstrapReplicates
        self.seed = seed
        self.minimums = minimums
    }
}
