/// Where a criterion's declared process-tracing test and a category's decision rule disagree.
///
/// Van Evera's tests have a logical reading a rule can be checked against (Collier 2011, "Understanding
/// Process Tracing", PS 44:4): a hoop test is necessary (failing it rules the category out), a smoking
/// gun sufficient (passing it confirms), doubly decisive both, straw in the wind neither. The check
/// evaluates the category's rule with that criterion alone known and every other criterion unknown:
/// the criterion is necessary if its being refuted makes the rule false, sufficient if its being
/// established makes the rule true.
public struct TestRuleDisagreement: Sendable, Hashable {
    public var criterion: String
    public var test: EvidenceTest
    public var category: String
    /// What the rule makes of the criterion, in words ("necessary and not sufficient", ...).
    public var ruleReading: String
}

extension Codebook {
    /// Every disagreement between a criterion's `test` and the rules of the categories of its own
    /// dimension that mention it (directly, not through `category:` references). Criteria without a
    /// test are not checked.
    public func testRuleDisagreements() -> [TestRuleDisagreement] {
        var out: [TestRuleDisagreement] = []
        for dimension in dimensions {
            for criterion in dimension.criteria {
                guard let test = criterion.test else { continue }
                for category in dimension.categories where category.rule.criterionIDs.contains(criterion.id) {
                    let necessary = evaluate(category.rule, statuses: [criterion.id: .refuted]).membership == .notMember
                    let sufficient = evaluate(category.rule, statuses: [criterion.id: .established]).membership == .member
                    let expected: (necessary: Bool, sufficient: Bool) = switch test {
                    case .hoop: (true, false)
                    case .smokingGun: (false, true)
                    case .doublyDecisive: (true, true)
                    case .strawInTheWind: (false, false)
                    }
                    guard expected != (necessary, sufficient) else { continue }
                    let reading = "\(necessary ? "necessary" : "not necessary") and \(sufficient ? "sufficient" : "not sufficient")"
                    out.append(TestRuleDisagreement(criterion: criterion.id, test: test, category: category.id, ruleReading: reading))
                }
            }
        }
        return out
    }
}
