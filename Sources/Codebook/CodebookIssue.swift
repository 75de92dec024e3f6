/// One problem in a codebook file: what, where, and whether it stops loading.
public struct CodebookIssue: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var problem: CodebookProblem

    public init(severity: Severity, location: SourceLocation, problem: CodebookProblem) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }

    /// `path:line:column: error: message`.
    public var description: String {
        "\(location): \(severity.rawValue): \(problem)"
    }
}
