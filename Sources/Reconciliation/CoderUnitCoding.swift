/// One coder's finished coding of one unit.
///
/// Because the unit was marked done, every criterion of the codebook that is not in ``present``
/// counts as absent for this coder and unit: finishing a unit is a positive statement that the
/// other criteria are not in the passage.
public struct CoderUnitCoding: Sendable, Hashable {
    /// The unit coded.
    public var unit: UnitKey
    /// The coder's name or handle.
    public var coder: String
    /// Criterion ids the coder tagged present.
    public var present: Set<String>
    /// Per criterion id, the spans the coder marked, as half-open ranges of Unicode-scalar offsets
    /// within the passage (`0..<passageLength`). Criteria tagged without spans have no entry.
    public var spans: [String: [Range<Int>]]
    /// Length of the passage in Unicode scalars (the continuum the spans lie on).
    public var passageLength: Int
    /// Per criterion id, the coder's analytic note on this unit, if any.
    public var notes: [String: String]

    public init(unit: UnitKey, coder: String, present: Set<String>, spans: [String: [Range<Int>]] = [:],
                passageLength: Int, notes: [String: String] = [:]) {
        self.unit = unit
        self.coder = coder
        self.present = present
        self.spans = spans
        self.passageLength = passageLength
        self.notes = notes
    }
}
