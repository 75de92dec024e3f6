/// The result of evaluating one rule for one case, with the criteria it rests on.
public struct RuleOutcome: Sendable, Hashable, Codable {
    public var membership: Membership
    /// For a determinate result: the established or absent criteria that decided it, in rule
    /// order (for `all` that failed, the absent ones; for `any` that held, the established ones).
    /// For an indeterminate result: the determinate criteria that already count.
    public var drivers: [String]
    /// Contested or uncoded criteria that could still change the result; empty when determinate.
    public var pending: [String]

    public init(membership: Membership, drivers: [String], pending: [String]) {
        self.membership = membership
        self.drivers = drivers
        self.pending = pending
    }
}
