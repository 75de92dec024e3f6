/// Krippendorff's unitizing alpha (|cα, Krippendorff 1995) for the spans coders marked for one
/// criterion: do coders not only agree that a passage holds the evidence, but mark the same stretch?
///
/// The continuum is the concatenation, in unit order, of the passages of every unit that all the
/// round's coders finished (units some coder skipped are left out, since unitizing alpha needs
/// every coder to have read the whole continuum). A coder's spans for the criterion are shifted by
/// the passage's offset in the continuum; a coder's overlapping spans are merged first. Passages
/// where nobody marked a span count as agreed gaps, as the method requires.
public struct UnitizingResult: Sendable, Hashable, Codable {
    /// Alpha, or nil when undefined.
    public var alpha: Double?
    /// Why alpha is undefined (no spans, too short a continuum, no variation).
    public var undefinedReason: String?
    /// Units whose passages form the continuum, in order.
    public var units: [UnitKey]
    /// Length of the continuum in Unicode scalars.
    public var continuumLength: Int
    /// Number of spans (after merging) that entered the computation.
    public var spans: Int

    public init(alpha: Double?, undefinedReason: String?, units: [UnitKey], continuumLength: Int, spans: Int) {
        self.alpha = alpha
        self.undefinedReason = undefinedReason
        self.units = units
        self.continuumLength = continuumLength
        self.spans = spans
    }
}
