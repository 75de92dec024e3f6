/// Whether a case belongs to a category, in three-valued logic.
public enum Membership: String, Sendable, Hashable, Codable, CaseIterable {
    case member
    case notMember = "not_member"
    /// The answer depends on criteria that are contested or not found.
    case indeterminate

    init(_ truth: Bool?) {
        switch truth {
        case true?: self = .member
        case false?: self = .notMember
        case nil: self = .indeterminate
        }
    }

    var truth: Bool? {
        switch self {
        case .member: true
        case .notMember: false
        case .indeterminate: nil
        }
    }
}
