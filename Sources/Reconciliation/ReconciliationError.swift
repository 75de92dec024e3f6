/// Why codings could not be assessed or reconciled, in words a researcher can act on.
public enum ReconciliationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No unit was finished by two or more coders, so there is nothing to compare.
    case noDoubleCodedUnits
    /// The same coder finished the same unit twice in the input.
    case duplicateCoding(unit: UnitKey, coder: String)
    /// A coder tagged a criterion that is not among the criteria being assessed.
    case unknownCriterion(String, unit: UnitKey, coder: String)
    /// A marked span does not lie within its passage.
    case spanOutsidePassage(criterion: String, unit: UnitKey, coder: String, span: Range<Int>, passageLength: Int)
    /// Coders report different lengths for the same passage (it changed between their codings).
    case passageLengthMismatch(unit: UnitKey, lengths: [Int])

    /// The problem and what to do about it.
    public var description: String {
        switch self {
        case .noDoubleCodedUnits:
            return "no unit was finished by two or more coders, so agreement cannot be assessed; have a second coder finish some units of the sample"
        case .duplicateCoding(let unit, let coder):
            return "\(coder) appears twice as having finished unit \(unit); each coder finishes a unit once"
        case .unknownCriterion(let id, let unit, let coder):
            return "\(coder) tagged criterion \"\(id)\" in unit \(unit), but it is not in the codebook being assessed"
        case .spanOutsidePassage(let criterion, let unit, let coder, let span, let length):
            return "\(coder)'s span \(span.lowerBound)..<\(span.upperBound) for \"\(criterion)\" in unit \(unit) runs outside the passage (length \(length))"
        case .passageLengthMismatch(let unit, let lengths):
            return "coders saw passage lengths \(lengths.map(String.init).joined(separator: ", ")) for unit \(unit); the passage changed between codings, so its spans cannot be compared"
        }
    }
}
