/// One problem in a register file: what, where, and whether it stops loading.
public struct RegisterIssue: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var problem: RegisterProblem

    public init(severity: Severity, location: SourceLocation, problem: RegisterProblem) {
        self.severity = severity
        self.location = location
        self.problem = problem
    }

    /// `path:line:column: error: message`.
    public var description: String {
        "\(location): \(severity.rawValue): \(problem)"
    }
}
