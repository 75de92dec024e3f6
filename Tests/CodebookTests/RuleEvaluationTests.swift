import Foundation
import Testing
@testable import Codebook

@Suite("Evaluating decision rules in three-valued logic")
struct RuleEvaluationTests {
    let codebook: Codebook

    init() throws {
        codebook = try Fixtures.codebook(Fixtures.minimal)
    }

    private func eval(_ rule: Rule, _ statuses: [String: CriterionStatus]) -> RuleOutcome {
        codebook.evaluate(rule, statuses: statuses)
    }

    @Test("single criteria map established/absent/contested/uncoded to member/not member/indeterminate")
    func leaves() {
        let rule = Rule.criterion("X.one")
        #expect(eval(rule, ["X.one": .established]).membership == .member)
        #expect(eval(rule, ["X.one": .refuted]).membership == .notMember)
        #expect(eval(rule, ["X.one": .contested]).membership == .indeterminate)
        #expect(eval(rule, ["X.one": .notFound]).membership == .indeterminate)
        #expect(eval(rule, [:]) == RuleOutcome(membership: .indeterminate, drivers: [], pending: ["X.one"]))
        #expect(eval(.not(rule), ["X.one": .refuted]) == RuleOutcome(membership: .member, drivers: ["X.one"], pending: []))
        #expect(eval(.not(rule), ["X.one": .contested]).membership == .indeterminate)
    }

    @Test("all: one absent part decides, even with unknown parts")
    func all() {
        let rule = Rule.all([.criterion("a"), .criterion("b"), .criterion("c")])
        #expect(eval(rule, ["a": .established, "b": .established, "c": .established]).membership == .member)
        let failed = eval(rule, ["a": .established, "b": .refuted, "c": .contested])
        #expect(failed == RuleOutcome(membership: .notMember, drivers: ["b"], pending: []))
        let open = eval(rule, ["a": .established, "b": .established, "c": .contested])
        #expect(open == RuleOutcome(membership: .indeterminate, drivers: ["a", "b"], pending: ["c"]))
    }

    @Test("any: one established part decides, even with unknown parts")
    func any() {
        let rule = Rule.any([.criterion("a"), .criterion("b"), .criterion("c")])
        #expect(eval(rule, ["a": .contested, "b": .established]) == RuleOutcome(membership: .member, drivers: ["b"], pending: []))
        #expect(eval(rule, ["a": .refuted, "b": .refuted, "c": .refuted]).membership == .notMember)
        #expect(eval(rule, ["a": .refuted, "b": .refuted]) == RuleOutcome(membership: .indeterminate, drivers: ["a", "b"], pending: ["c"]))
    }

    @Test("at_least: decided once enough are true, or too few can still be")
    func atLeast() {
        let rule = Rule.atLeast(2, of: [.criterion("a"), .criterion("b"), .criterion("c")])
        #expect(eval(rule, ["a": .established, "b": .established]).membership == .member)
        #expect(eval(rule, ["a": .established, "b": .refuted, "c": .refuted]).membership == .notMember)
        #expect(eval(rule, ["a": .refuted, "b": .refuted]) == RuleOutcome(membership: .notMember, drivers: ["a", "b"], pending: []))
        #expect(eval(rule, ["a": .established, "b": .refuted]) == RuleOutcome(membership: .indeterminate, drivers: ["a", "b"], pending: ["c"]))
    }

    @Test("nesting and category references: A = one and (two or three); B = not A")
    func nesting() {
        var statuses: [String: CriterionStatus] = ["X.one": .established, "X.two": .refuted, "X.three": .contested]
        #expect(codebook.evaluate(category: "A", statuses: statuses).membership == .indeterminate)
        #expect(codebook.evaluate(category: "A", statuses: statuses).pending == ["X.three"])
        #expect(codebook.evaluate(category: "B", statuses: statuses).membership == .indeterminate)
        statuses["X.three"] = .established
        #expect(codebook.evaluate(category: "A", statuses: statuses) == RuleOutcome(membership: .member, drivers: ["X.one", "X.three"], pending: []))
        #expect(codebook.evaluate(category: "B", statuses: statuses).membership == .notMember)
        statuses["X.one"] = .refuted
        statuses["X.three"] = .notFound
        // X.one absent decides A regardless of the open X.three.
        #expect(codebook.evaluate(category: "A", statuses: statuses) == RuleOutcome(membership: .notMember, drivers: ["X.one"], pending: []))
        #expect(codebook.evaluate(category: "B", statuses: statuses).membership == .member)
        let deep = Rule.not(.all([.any([.criterion("X.one"), .not(.criterion("X.two"))]), .atLeast(1, of: [.category("A")])]))
        #expect(eval(deep, statuses).membership == .member)
    }

    @Test("classification of the buying-allies codebook: overlap, none, indeterminate")
    func classify() throws {
        let codebook = try Codebook.load(data: try Fixtures.data("Codebooks/buying-allies.yaml"), path: "buying-allies.yaml")
        func recipient(_ statuses: [String: CriterionStatus]) -> Classification {
            codebook.classify(statuses: statuses).first { $0.dimension == "recipient_type" }!
        }
        let absentAll = Dictionary(uniqueKeysWithValues: codebook.dimension("recipient_type")!.criteria.map { ($0.id, CriterionStatus.refuted) })

        // South Africa 1951 style: recruited, needed, leverage; threatened withdrawal, reluctant acceptance.
        var overlap = absentAll
        for id in ["CRC.recruited", "CRC.deemed_critical", "CRC.leverage", "OPP.withdrawal_threat", "OPP.reluctant_acceptance"] {
            overlap[id] = .established
        }
        let both = recipient(overlap)
        #expect(both.verdict == .members)
        #expect(both.members == ["CRC", "OPP"])
        // The threat alone decides OPP; the pivotal state's reluctance is a sign outside the rule.
        #expect(both.entries.first { $0.category == "OPP" }?.outcome.drivers == ["OPP.withdrawal_threat"])

        let none = recipient(absentAll)
        #expect(none.verdict == .none)
        #expect(none.members.isEmpty)

        var open = absentAll
        open["WIR.genuine_interest"] = .established
        open["WIR.limited_requests"] = .established
        open["WIR.lacks_resources"] = .notFound
        let undecided = recipient(open)
        #expect(undecided.verdict == .indeterminate)
        #expect(undecided.undecided == ["WIR"])
        #expect(undecided.entries.first?.outcome.pending == ["WIR.lacks_resources"])
        // Volunteering is hedged in the article ("often"): refuting it does not rule WIR out.
        open["WIR.lacks_resources"] = .established
        open["WIR.volunteered"] = .refuted
        #expect(recipient(open).members == ["WIR"])

        // Nothing coded at all: everything is indeterminate.
        #expect(codebook.classify(statuses: [:]).allSatisfy { $0.verdict == .indeterminate })

        // Payments: a transport payment is a deployment subsidy and not a side deal.
        let payment = codebook.classify(statuses: Dictionary(uniqueKeysWithValues:
            codebook.dimension("payment")!.criteria.map { ($0.id, $0.id == "PAY.transport" ? .established : .refuted) }))
            .first { $0.dimension == "payment" }!
        #expect(payment.members == ["deployment_subsidy"])
    }
}
