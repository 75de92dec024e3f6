/// Why a codebook did not load.
public enum CodebookError: Error, Sendable, CustomStringConvertible {
    /// The file has errors; every one is listed, in file order.
    case invalid([CodebookIssue])

    init(issues: [CodebookIssue]) {
        self = .invalid(issues)
    }

    /// The errors, in file order.
    public var issues: [CodebookIssue] {
        switch self {
        case .invalid(let issues): issues
        }
    }

    /// One line per problem.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
