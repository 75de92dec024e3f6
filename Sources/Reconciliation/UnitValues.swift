/// The values that entered one figure for one unit: which coder said what. Kept so every
/// number in a report can be traced back to the codings behind it.
public struct UnitValues: Sendable, Hashable, Codable {
    /// The unit.
    public var unit: UnitKey
    /// Per coder who finished the unit: true for present, false for absent.
    public var values: [String: Bool]
    /// Coders whose tag was contradicting evidence (their value is the third nominal value,
    /// "contradicts"; `values` says true for them). Empty in rounds without counter-evidence.
    public var contradicting: [String]

    public init(unit: UnitKey, values: [String: Bool], contradicting: [String] = []) {
        self.unit = unit
        self.values = values
        self.contradicting = contradicting
    }

    /// Whether the coders who finished the unit disagree (on the three values).
    public var disagree: Bool {
        Set(values.map { $0.value ? (contradicting.contains($0.key) ? 2 : 1) : 0 }).count > 1
    }
}
