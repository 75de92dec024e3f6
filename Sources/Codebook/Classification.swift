/// The categories one dimension assigns to a case, computed from criterion statuses.
public struct Classification: Sendable, Hashable, Codable {
    /// The overall answer for a dimension.
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// One or more categories apply (they may overlap), and no other category is undecided.
        case members
        /// No category applies, and that is certain.
        case none
        /// At least one category is undecided because criteria are contested or not found.
        case indeterminate
    }

    /// One category's result.
    public struct Entry: Sendable, Hashable, Codable {
        public var category: String
        public var outcome: RuleOutcome
    }

    public var dimension: String
    /// Every category of the dimension, in codebook order.
    public var entries: [Entry]

    public var verdict: Verdict {
        if entries.contains(where: { $0.outcome.membership == .indeterminate }) { return .indeterminate }
        return members.isEmpty ? .none : .members
    }

    /// Categories the case certainly belongs to.
    public var members: [String] {
        entries.filter { $0.outcome.membership == .member }.map(\.category)
    }

    /// Categories that depend on contested or uncoded criteria.
    public var undecided: [String] {
        entries.filter { $0.outcome.membership == .indeterminate }.map(\.category)
    }
}

extension Codebook {
    /// Evaluates one category's rule. Criteria missing from `statuses` count as not found.
    public func evaluate(category id: String, statuses: [String: CriterionStatus]) -> RuleOutcome {
        var evaluator = RuleEvaluator(codebook: self, statuses: statuses)
        return evaluator.outcome(ofCategory: id)
    }

    /// Evaluates any rule against this codebook's categories (for `category:` references).
    public func evaluate(_ rule: Rule, statuses: [String: CriterionStatus]) -> RuleOutcome {
        var evaluator = RuleEvaluator(codebook: self, statuses: statuses)
        return evaluator.outcome(of: rule)
    }

    /// Classifies a subject in every dimension for that kind of subject (nil: every dimension),
    /// in codebook order.
    public func classify(statuses: [String: CriterionStatus], subject: Dimension.Subject? = nil) -> [Classification] {
        var evaluator = RuleEvaluator(codebook: self, statuses: statuses)
        return dimensions.filter { subject == nil || $0.subject == subject }.map { dimension in
            Classification(
                dimension: dimension.id,
                entries: dimension.categories.map { .init(category: $0.id, outcome: evaluator.outcome(ofCategory: $0.id)) })
        }
    }
}
