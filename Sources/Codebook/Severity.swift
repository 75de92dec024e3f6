/// Whether a problem found in a file stops it from loading.
public enum Severity: String, Codable, Sendable, Hashable, Comparable {
    /// The file is loaded anyway; the problem is shown to the researcher.
    case warning
    /// The file is not loaded.
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}
