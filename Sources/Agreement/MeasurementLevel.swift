/// Krippendorff's levels of measurement: they decide how different two values are (the metric δ²).
///
/// - `nominal`: any two different categories differ by 1 (labels such as "war", "peace").
/// - `ordinal`: ranks; the difference between two categories grows with the number of values
///   coded between them (Krippendorff's ordinal metric uses the marginal frequencies).
/// - `interval`: numbers; δ² = (a − b)².
/// - `ratio`: numbers with a true zero; δ² = ((a − b) / (a + b))².
public enum MeasurementLevel: String, CaseIterable, Sendable {
    case nominal, ordinal, interval, ratio

    /// Whether the level needs numeric category values.
    public var needsNumbers: Bool { self == .interval || self == .ratio }
}
