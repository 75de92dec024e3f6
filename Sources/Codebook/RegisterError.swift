/// Why a case register did not load. Nothing is ever half-loaded: either the whole register
/// loads, or this error lists every problem.
public enum RegisterError: Error, Sendable, CustomStringConvertible {
    /// The file has errors; every one is listed, in file order.
    case invalid([RegisterIssue])

    /// The errors, in file order.
    public var issues: [RegisterIssue] {
        switch self {
        case .invalid(let issues): issues
        }
    }

    /// One line per problem.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
