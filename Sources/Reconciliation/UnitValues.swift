/// The values that entered one figure for one unit: which coder said what. Kept so every
/// number in a report can be traced back to the codings behind it.
public struct UnitValues: Sendable, Hashable, Codable {
    /// The unit.
    public var unit: UnitKey
    /// Per coder who finished the unit: true for present, false for absent.
    public var values: [String: Bool]

    public init(unit: UnitKey, values: [String: Bool]) {
        self.unit = unit
        self.values = values
    }

    /// Whether the coders who finished the unit disagree.
    public var disagree: Bool { Set(values.values).count > 1 }
}
