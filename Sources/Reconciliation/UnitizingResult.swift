/// Krippendorff's unitizing alpha (|cα, Krippendorff 1995) for the spans coders marked for one
/// criterion: do coders not only agree that a passage holds the evidence, but mark the same stretch?
///
/// Each passage of a unit that all the round's coders finished is its own continuum (units some coder
/// skipped are left out, since unitizing alpha needs every coder to have read the whole continuum);
/// the continua's disagreements are pooled weighted by length (see ``UnitizingAlpha``), so the result
/// does not depend on the order of the passages nor on passages nobody marked. A tag without a span is
/// missing for unitizing (the coder said the passage is evidence, not where): that passage is left out
/// for the criterion and listed in ``unspannedUnits``. A coder's overlapping spans are merged first.
public struct UnitizingResult: Sendable, Hashable, Codable {
    /// Alpha, or nil when undefined.
    public var alpha: Double?
    /// Why alpha is undefined (no spans, too short a continuum, no variation).
    public var undefinedReason: String?
    /// Units whose passages are the continua, in order.
    public var units: [UnitKey]
    /// Total length of the continua in Unicode scalars.
    public var continuumLength: Int
    /// Number of spans (after merging) that entered the computation.
    public var spans: Int
    /// Passages left out because some coder tagged the criterion there without a span.
    public var unspannedUnits: [UnitKey]

    public init(alpha: Double?, undefinedReason: String?, units: [UnitKey], continuumLength: Int, spans: Int,
                unspannedUnits: [UnitKey] = []) {
        self.unspannedUnits = unspannedUnits
        self.alpha = alpha
        self.undefinedReason = undefinedReason
        self.units = units
        self.continuumLength = continuumLength
        self.spans = spans
    }
}
