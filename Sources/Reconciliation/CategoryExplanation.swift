import Codebook

/// Why a case is, is not, or may be in one category: the rule, each criterion's status with the
/// passages behind it, and, when the answer is indeterminate, the criteria that would decide it.
public struct CategoryExplanation: Sendable, Hashable, Codable {
    public struct CriterionLine: Sendable, Hashable, Codable {
        public var criterion: String
        public var status: CriterionStatus
        /// Passage ids of supporting and contradicting units as they stand.
        public var supporting: [Int64]
        public var contradicting: [Int64]
        /// Passage ids of units where coders disagree and nobody has adjudicated.
        public var open: [Int64]
        /// The status in words, naming the passages (and a coverage inference, if any).
        public var reason: String
    }

    public var dimension: String
    public var category: String
    /// The rule in one line.
    public var rule: String
    public var membership: Membership
    /// Every criterion the rule mentions, in rule order.
    public var criteria: [CriterionLine]
    /// For an indeterminate answer: the criteria (contested or not found) whose status would decide it.
    public var wouldDecide: [String]

    /// One line: `OPP: member — all(...)`, or `indeterminate — would be decided by X, Y`.
    public var summary: String {
        let head = "\(category): \(membership.rawValue.replacingOccurrences(of: "_", with: " "))"
        return membership == .indeterminate && !wouldDecide.isEmpty
            ? "\(head); would be decided by \(wouldDecide.joined(separator: ", "))"
            : head
    }
}

extension CaseClassification {
    /// Per category of every classified dimension, why the case has its membership.
    public func explanations(codebook: Codebook) -> [CategoryExplanation] {
        let byId = Dictionary(criteria.map { ($0.criterion, $0) }, uniquingKeysWith: { a, _ in a })
        return classifications.flatMap { classification in
            classification.entries.compactMap { entry -> CategoryExplanation? in
                guard let category = codebook.category(entry.category) else { return nil }
                let lines = category.rule.criterionIDs.map { id -> CategoryExplanation.CriterionLine in
                    let r = byId[id] ?? CriterionResolution(criterion: id, status: .notFound, units: [])
                    return .init(criterion: id, status: r.status, supporting: r.supporting.map(\.unit.passageId),
                                 contradicting: r.contradicting.map(\.unit.passageId),
                                 open: r.open.filter { $0.values.values.contains { $0 != .untagged } }.map(\.unit.passageId),
                                 reason: r.reason)
                }
                return CategoryExplanation(dimension: classification.dimension, category: entry.category,
                                           rule: category.rule.text, membership: entry.outcome.membership,
                                           criteria: lines, wouldDecide: entry.outcome.pending)
            }
        }
    }
}
