import Codebook

/// One coder's finished coding of one unit.
///
/// Finishing a unit is a positive statement about the passage: each criterion is tagged as
/// supporting (``present``), tagged as contradicting (``contradicting``), or not tagged. Those are
/// the three nominal values unit-level reliability compares. Not tagged is not evidence against a
/// criterion: at case level it is "not found".
///
/// `import Codebook` brings ``EvidenceValue``.
public struct CoderUnitCoding: Sendable, Hashable {
    /// The unit coded.
    public var unit: UnitKey
    /// The coder's name or handle.
    public var coder: String
    /// Criterion ids the coder tagged as supporting evidence.
    public var present: Set<String>
    /// Criterion ids the coder tagged as contradicting evidence (the criterion does not hold).
    public var contradicting: Set<String>
    /// Per criterion id, the spans the coder marked, as half-open ranges of Unicode-scalar offsets
    /// within the passage (`0..<passageLength`). Criteria tagged without spans have no entry.
    public var spans: [String: [Range<Int>]]
    /// Length of the passage in Unicode scalars (the continuum the spans lie on).
    public var passageLength: Int
    /// Per criterion id, the coder's analytic note on this unit, if any.
    public var notes: [String: String]

    public init(unit: UnitKey, coder: String, present: Set<String>, spans: [String: [Range<Int>]] = [:],
                passageLength: Int, notes: [String: String] = [:], contradicting: Set<String> = []) {
        self.unit = unit
        self.coder = coder
        self.present = present
        self.spans = spans
        self.passageLength = passageLength
        self.notes = notes
        self.contradicting = contradicting
    }

    /// The coder's value for a criterion in this unit. A criterion tagged both ways counts as
    /// contradicting (the store refuses that; hand-built codings may not).
    public func value(of criterion: String) -> EvidenceValue {
        if contradicting.contains(criterion) { return .contradicts }
        return present.contains(criterion) ? .supports : .untagged
    }

    /// Every criterion tagged in either direction.
    public var tagged: Set<String> { present.union(contradicting) }
}
