import Agreement

/// Whether a round's reliability sample is large enough, per criterion: the units it achieved against
/// the units Krippendorff's (2019) sample-size rule asks for at the criterion's observed share of the
/// rarer value (see ``ReliabilitySampleSize``), at the tentative and the reliable thresholds.
public struct SampleAdequacy: Sendable, Hashable, Codable {
    /// The criterion.
    public var criterion: String
    /// Units with two or more values (achieved).
    public var pairableUnits: Int
    /// Share of the rarer value among the pairable values (nil without values; 0 without variation).
    public var smallestShare: Double?
    /// Units needed to test the tentative threshold, nil when the share is 0 (no variation: no test possible).
    public var neededForTentative: Int?
    /// Units needed to test the reliable threshold.
    public var neededForReliable: Int?

    /// Whether the sample suffices to test the tentative threshold.
    public var sufficient: Bool { neededForTentative.map { pairableUnits >= $0 } ?? false }

    public init(criterion: String, pairableUnits: Int, smallestShare: Double?, neededForTentative: Int?, neededForReliable: Int?) {
        self.criterion = criterion
        self.pairableUnits = pairableUnits
        self.smallestShare = smallestShare
        self.neededForTentative = neededForTentative
        self.neededForReliable = neededForReliable
    }

    /// Units needed at a given share of the rarer value, to test the tentative threshold.
    public static func unitsNeeded(share: Double, thresholds: ReliabilityThresholds = ReliabilityThresholds()) -> Int? {
        ReliabilitySampleSize.requiredUnits(minimumAlpha: thresholds.tentative, significance: thresholds.significance, smallestShare: share)
    }

    /// The adequacy of every criterion of a result.
    public static func assess(_ result: ReliabilityResult, thresholds: ReliabilityThresholds = ReliabilityThresholds()) -> [SampleAdequacy] {
        assess(criteria: result.criteria, thresholds: thresholds)
    }

    /// The adequacy of each criterion.
    public static func assess(criteria: [CriterionReliability], thresholds: ReliabilityThresholds = ReliabilityThresholds()) -> [SampleAdequacy] {
        criteria.map { c in
            // The least frequent of all the criterion's values (no tag, supports and, where coded, contradicts),
            // as the verdict reads it: the share of "tagged" alone would overstate it when contradicts is rare.
            let share = c.coincidences.smallestShare
            func needed(_ a: Double) -> Int? {
                share.flatMap { ReliabilitySampleSize.requiredUnits(minimumAlpha: a, significance: thresholds.significance, smallestShare: $0) }
            }
            return SampleAdequacy(criterion: c.criterion, pairableUnits: c.pairableUnits, smallestShare: share,
                                  neededForTentative: needed(thresholds.tentative), neededForReliable: needed(thresholds.reliable))
        }
    }
}
