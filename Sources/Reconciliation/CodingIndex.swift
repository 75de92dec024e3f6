/// Codings checked and grouped by unit. Internal.
struct CodingIndex: Sendable {
    /// Every unit with a coding, in order.
    let units: [UnitKey]
    /// Per unit, per coder.
    let codings: [UnitKey: [String: CoderUnitCoding]]
    /// Passage length per unit.
    let lengths: [UnitKey: Int]

    /// Checks the codings: no coder twice on a unit, only known criteria, spans within passages,
    /// one passage length per unit. `criteria` nil skips the criterion check.
    init(_ all: [CoderUnitCoding], criteria: [String]?) throws(ReconciliationError) {
        let known = criteria.map(Set.init)
        var codings: [UnitKey: [String: CoderUnitCoding]] = [:]
        var lengths: [UnitKey: Int] = [:]
        for coding in all {
            if codings[coding.unit]?[coding.coder] != nil { throw .duplicateCoding(unit: coding.unit, coder: coding.coder) }
            if let known {
                for id in coding.tagged.sorted() where !known.contains(id) {
                    throw .unknownCriterion(id, unit: coding.unit, coder: coding.coder)
                }
                for id in coding.spans.keys.sorted() where !known.contains(id) {
                    throw .unknownCriterion(id, unit: coding.unit, coder: coding.coder)
                }
            }
            for (id, ranges) in coding.spans.sorted(by: { $0.key < $1.key }) {
                for r in ranges where r.lowerBound < 0 || r.upperBound > coding.passageLength {
                    throw .spanOutsidePassage(criterion: id, unit: coding.unit, coder: coding.coder, span: r, passageLength: coding.passageLength)
                }
            }
            if let length = lengths[coding.unit], length != coding.passageLength {
                let seen = Set((codings[coding.unit] ?? [:]).values.map(\.passageLength) + [coding.passageLength]).sorted()
                throw .passageLengthMismatch(unit: coding.unit, lengths: seen)
            }
            lengths[coding.unit] = coding.passageLength
            codings[coding.unit, default: [:]][coding.coder] = coding
        }
        self.codings = codings
        self.lengths = lengths
        units = codings.keys.sorted()
    }
}
