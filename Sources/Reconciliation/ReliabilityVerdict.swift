/// What alpha says about whether a criterion can be coded reliably.
///
/// Krippendorff (2004, §11.4) suggests relying on variables with alpha ≥ .800 and drawing only
/// tentative conclusions from those between .667 and .800. A verdict is about the criterion as
/// applied by these coders to this sample, not about the criterion in general.
public enum ReliabilityVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Alpha reaches the higher minimum (.800 by default).
    case reliable
    /// Alpha reaches the lower minimum (.667) but not the higher: conclusions are tentative.
    case tentative
    /// Alpha is below the lower minimum.
    case unreliable
    /// Alpha cannot be computed (e.g. every value is the same, so there is no variation to
    /// compare disagreement against); the accompanying reason says why.
    case undefined

    /// The verdict for `alpha` against `minimums` (lowest and highest are used).
    public init(alpha: Double?, minimums: [Double] = [0.667, 0.8]) {
        guard let alpha, alpha.isFinite else { self = .undefined; return }
        let low = minimums.min() ?? 0.667, high = minimums.max() ?? 0.8
        if alpha >= high { self = .reliable } else if alpha >= low { self = .tentative } else { self = .unreliable }
    }
}
