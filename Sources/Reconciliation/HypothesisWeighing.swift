import Foundation
import Codebook
import Weighing

/// One category of one case weighed as a hypothesis against its negation: prior, items, running
/// log-odds, posterior, how it compares with the rule-based classification, and how far it
/// depends on the prior and the likelihoods.
///
/// Categories of a dimension may overlap (a recipient can be a critical contributor and an
/// opportunist), and the codebook's likelihoods are `P(E | member)` and `P(E | not member)` per
/// category, so each category is its own binary hypothesis, H against not H (Fairfield & Charman
/// 2022: H and its rival must be mutually exclusive; "member" and "not member" are).
public struct HypothesisWeighing: Sendable, Hashable, Codable {
    /// What the weights say next to what the rules say.
    public enum Comparison: String, Sendable, Hashable, Codable {
        /// Rules and weights point the same way.
        case agree
        /// The rules decide one way and the weights lean the other (or are even).
        case disagree
        /// The rules are indeterminate; the weights may still lean.
        case rulesIndeterminate = "rules_indeterminate"
    }

    /// A criterion bearing on the hypothesis that adds nothing, and why.
    public struct Unweighed: Sendable, Hashable, Codable {
        public var criterion: String
        public var passageId: Int64?
        public var reason: String

        /// The reason of a criterion simply not found.
        public static let notFound = "not found: unknown, adds nothing"
    }

    public var dimension: String
    public var category: String
    public var prior: Double
    /// `uniform` or where the prior was given.
    public var priorSource: String
    public var priorLogOdds: Double
    public var items: [WeighedItem]
    public var unweighed: [Unweighed]
    public var posteriorLogOdds: Double
    public var posterior: Double
    public var leaning: Leaning
    /// The rule-based answer for this category.
    public var rules: Membership
    public var comparison: Comparison
    public var sensitivity: Sensitivity

    /// Items that count (not restating another's fact).
    public var countedItems: [WeighedItem] { items.filter { $0.countedOnceWith == nil } }

    /// One line: the comparison with the rules, in words.
    public var comparisonText: String {
        let p = "posterior \(Self.format(posterior))"
        let lean = switch leaning {
        case .hypothesis: "lean toward \(category)"
        case .rival: "lean against \(category)"
        case .even: "are even"
        }
        switch comparison {
        case .agree: return "agrees with the rules (\(rules == .member ? "member" : "not a member"); \(p))"
        case .disagree: return "DISAGREES: the rules say \(rules == .member ? "member" : "not a member"), the weights \(lean) (\(p))"
        case .rulesIndeterminate: return "the rules are indeterminate; the weights \(lean) (\(p))"
        }
    }

    /// A probability with three decimals, or in scientific form when it is very close to 0 or 1.
    public static func format(_ p: Double) -> String {
        if p > 0.0005 && p < 0.9995 { return String(format: "%.3f", p) }
        if p == 0 || p == 1 { return String(format: "%.0f", p) }
        return p < 0.5 ? String(format: "%.1e", p) : "1 − " + String(format: "%.1e", 1 - p)
    }

    static func compare(rules: Membership, leaning: Leaning) -> Comparison {
        switch (rules, leaning) {
        case (.indeterminate, _): .rulesIndeterminate
        case (.member, .hypothesis), (.notMember, .rival): .agree
        default: .disagree
        }
    }
}
