/// What the coding of a case says about one criterion.
public enum CriterionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The evidence shows the criterion is met.
    case established
    /// The evidence shows it is not met.
    case absent
    /// Coders or sources disagree; counts as unknown.
    case contested
    /// Nobody has coded it yet; counts as unknown. Criteria missing from a status map are this.
    case notYetCoded = "not_yet_coded"

    /// Three-valued truth: true, false, or nil for unknown.
    var truth: Bool? {
        switch self {
        case .established: true
        case .absent: false
        case .contested, .notYetCoded: nil
        }
    }
}
