/// Evaluates decision rules in Kleene's three-valued logic: established is true, refuted is
/// false, contested and not found are unknown.
///
/// `all` is false if any part is false, true if all are true, else unknown; `any` the dual;
/// `at_least N` is true once N parts are true and false once fewer than N can still be;
/// `not` swaps true and false. A category reference evaluates that category's rule.
struct RuleEvaluator {
    let categories: [String: Category]
    let statuses: [String: CriterionStatus]
    private var cache: [String: RuleOutcome] = [:]

    init(codebook: Codebook, statuses: [String: CriterionStatus]) {
        var categories: [String: Category] = [:]
        for category in codebook.allCategories where categories[category.id] == nil {
            categories[category.id] = category
        }
        self.categories = categories
        self.statuses = statuses
    }

    mutating func outcome(ofCategory id: String, visiting: Set<String> = []) -> RuleOutcome {
        if let cached = cache[id] { return cached }
        // Unknown categories and cycles (rejected by validation) are indeterminate.
        guard let category = categories[id], !visiting.contains(id) else {
            return RuleOutcome(membership: .indeterminate, drivers: [], pending: [])
        }
        let result = outcome(of: category.rule, visiting: visiting.union([id]))
        cache[id] = result
        return result
    }

    mutating func outcome(of rule: Rule, visiting: Set<String> = []) -> RuleOutcome {
        switch rule {
        case .criterion(let id):
            let status = statuses[id] ?? .notFound
            let membership = Membership(status.truth)
            return membership == .indeterminate
                ? RuleOutcome(membership: membership, drivers: [], pending: [id])
                : RuleOutcome(membership: membership, drivers: [id], pending: [])
        case .category(let id):
            return outcome(ofCategory: id, visiting: visiting)
        case .not(let part):
            var result = outcome(of: part, visiting: visiting)
            result.membership = Membership(result.membership.truth.map { !$0 })
            return result
        case .all(let parts):
            return combine(parts.map { outcome(of: $0, visiting: visiting) }, needed: parts.count)
        case .any(let parts):
            return combine(parts.map { outcome(of: $0, visiting: visiting) }, needed: 1)
        case .atLeast(let n, let parts):
            return combine(parts.map { outcome(of: $0, visiting: visiting) }, needed: n)
        }
    }

    /// "At least `needed` of the parts are true", which covers all (needed = count) and any (needed = 1).
    private func combine(_ parts: [RuleOutcome], needed: Int) -> RuleOutcome {
        let trues = parts.filter { $0.membership == .member }
        let falses = parts.filter { $0.membership == .notMember }
        let unknowns = parts.filter { $0.membership == .indeterminate }
        func union(_ outcomes: [RuleOutcome], _ key: KeyPath<RuleOutcome, [String]>) -> [String] {
            var seen: [String] = []
            for id in outcomes.flatMap({ $0[keyPath: key] }) where !seen.contains(id) { seen.append(id) }
            return seen
        }
        if trues.count >= needed {
            return RuleOutcome(membership: .member, drivers: union(trues, \.drivers), pending: [])
        }
        if trues.count + unknowns.count < needed {
            return RuleOutcome(membership: .notMember, drivers: union(falses, \.drivers), pending: [])
        }
        return RuleOutcome(
            membership: .indeterminate,
            drivers: union(trues + falses, \.drivers),
            pending: union(unknowns, \.pending))
    }
}
