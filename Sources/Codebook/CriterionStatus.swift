/// What the evidence on a case says about one criterion, once codings are reconciled.
///
/// Evidence for, evidence against and no evidence are three different things: only the first two
/// are facts about the case; `not found` is a fact about the search, and decision rules read it as
/// unknown (Kleene's three-valued logic), never as false.
public enum CriterionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Supporting evidence, and none contradicting it (after adjudication).
    case established
    /// Contradicting evidence only: the passages show the criterion does not hold. Also the status
    /// of a criterion marked `absence_is_evidence` that was not found after a recorded full search.
    case refuted
    /// Both supporting and contradicting evidence, or coders disagree and nobody has adjudicated;
    /// counts as unknown.
    case contested
    /// Nothing in the coded passages either way; counts as unknown. Criteria missing from a status
    /// map are this.
    case notFound = "not_found"

    /// Three-valued truth: true, false, or nil for unknown.
    var truth: Bool? {
        switch self {
        case .established: true
        case .refuted: false
        case .contested, .notFound: nil
        }
    }

    /// Words for tables and reports.
    public var label: String {
        switch self {
        case .established: "established"
        case .refuted: "refuted"
        case .contested: "contested"
        case .notFound: "not found"
        }
    }
}
