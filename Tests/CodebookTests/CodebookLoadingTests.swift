import Foundation
import Testing
@testable import Codebook

@Suite("Loading and validating codebooks")
struct CodebookLoadingTests {
    @Test("the buying-allies codebook is valid and complete")
    func buyingAllies() throws {
        let data = try Fixtures.data("Codebooks/buying-allies.yaml")
        let issues = Codebook.validate(data: data, path: "Codebooks/buying-allies.yaml")
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
        let codebook = try Codebook.load(data: data, path: "Codebooks/buying-allies.yaml", contentHash: "abc")
        #expect(codebook.id == "buying-allies")
        #expect(codebook.version == SemanticVersion("2.0.0"))
        #expect(codebook.changelog.map(\.version.description) == ["1.0.0", "2.0.0"])
        #expect(codebook.contentHash == "abc")
        #expect(codebook.dimensions.map(\.id) == ["pivotal_state", "recipient_type", "payment"])
        #expect(Set(codebook.dimension("recipient_type")!.categories.map(\.id)) == ["WIR", "CRC", "OPP"])
        // Hedged indicators ("often") are straws in the wind, and every test agrees with the rules.
        #expect(codebook.criterion("WIR.volunteered")?.test == .strawInTheWind)
        #expect(codebook.testRuleDisagreements().isEmpty)
        #expect(codebook.dimension("pivotal_state")?.subject == .operationActor)
        #expect(codebook.dimension("recipient_type")?.subject == .coalitionCase)
        #expect(codebook.allCriteria.filter(\.absenceIsEvidence).map(\.id) == ["PIV.recruits", "CRC.recruited"])
        // For `weigh` (issue 18): every criterion gives likelihoods for the category its id prefix or
        // its rule names, every category a prior, so no default is used; each value's rationale is a
        // comment quoting the article beside it in the file.
        for dimension in codebook.dimensions {
            for category in dimension.categories { #expect(category.prior != nil, "\(category.id)") }
            for criterion in dimension.criteria {
                let own = dimension.categories.filter { $0.rule.criterionIDs.contains(criterion.id) || criterion.id.hasPrefix($0.id + ".") }
                #expect(!own.isEmpty && own.allSatisfy { criterion.likelihoods[$0.id] != nil }, "\(criterion.id)")
                for l in criterion.likelihoods.values { #expect(l.ifMember > 0 && l.ifNotMember > 0 && l.ifMember < 1 && l.ifNotMember < 1) }
            }
        }
        // A volunteer is seldom a critical contributor: the one likelihood given across categories.
        #expect(codebook.criterion("WIR.volunteered")?.likelihoods["CRC"] == Likelihood(ifMember: 0.1, ifNotMember: 0.45))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.components(separatedBy: "# Likelihoods: ").count - 1 == codebook.allCriteria.count)
        #expect(codebook.dimension("payment")!.attributes.contains { $0.name == "payment" })
        #expect(codebook.dimension("payment")!.attributes.map(\.name).starts(with: ["amount", "currency", "period", "troop_count"]))
        // Every payment subtype of the register has its criterion, under the category of its scheme.
        for subtype in PaymentSubtype.allCases {
            let category = codebook.category(subtype.scheme.rawValue)
            #expect(category?.rule.criterionIDs.contains(subtype.criterionID) == true, "\(subtype)")
        }
        // A criterion no rule uses is a supporting sign: a straw in the wind, never a hoop or gun.
        let used = Set(codebook.allCategories.flatMap(\.rule.criterionIDs))
        let signs = codebook.allCriteria.filter { !used.contains($0.id) }
        #expect(signs.map(\.id).sorted() == ["CRC.leverage", "CRC.limited_interest", "OPP.reluctant_acceptance",
                                             "WIR.link", "WIR.public_interest", "WIR.volunteered"])
        #expect(signs.allSatisfy { $0.test == .strawInTheWind })
    }

    @Test("a test that contradicts its rule is an error on the test's line")
    func testMustAgreeWithRule() throws {
        let yaml = """
        id: t
        version: "1.0.0"
        title: T
        dimensions:
          - id: d
            label: D
            categories:
              - id: A
                label: A
                rule:
                  any: [X.one, X.two]
            criteria:
              - id: X.one
                label: One
                definition: First.
                test: hoop
              - id: X.two
                label: Two
                definition: Second.
                test: smoking_gun
        """
        let issues = Codebook.validate(data: Data(yaml.utf8), path: "t.yaml")
        #expect(issues.count == 1)
        #expect(issues.first?.location.line == 16)
        #expect(issues.first?.description.contains("`X.one` is a hoop test for `A`, but the rule of `A` makes it not necessary and sufficient") == true)
    }

    @Test("a minimal codebook loads with its rules")
    func minimal() throws {
        let codebook = try Fixtures.codebook(Fixtures.minimal)
        #expect(codebook.category("A")?.rule == .all([.criterion("X.one"), .any([.criterion("X.two"), .criterion("X.three")])]))
        #expect(codebook.category("B")?.rule == .not(.category("A")))
        #expect(codebook.contentHash == nil)
    }

    @Test("Codable round trip keeps the rule shapes")
    func codable() throws {
        let codebook = try Fixtures.codebook(Fixtures.minimal)
        let json = try JSONEncoder().encode(codebook)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""version":"1.2.0""#))
        #expect(text.contains(#"{"not":{"category":"A"}}"#))
        #expect(try JSONDecoder().decode(Codebook.self, from: json) == codebook)
        let rule = Rule.atLeast(2, of: [.criterion("a"), .not(.criterion("b")), .category("C")])
        #expect(try JSONDecoder().decode(Rule.self, from: JSONEncoder().encode(rule)) == rule)
    }

    @Test("semantic versions parse, print and compare")
    func versions() {
        #expect(SemanticVersion("1.2.3")?.description == "1.2.3")
        #expect(SemanticVersion("1.2.3-rc.1+build.5")?.prerelease == ["rc", "1"])
        for bad in ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.a.0", ""] {
            #expect(SemanticVersion(bad) == nil, "\(bad)")
        }
        #expect(SemanticVersion("1.0.0-rc.1")! < SemanticVersion("1.0.0")!)
        #expect(SemanticVersion("1.0.0-alpha")! < SemanticVersion("1.0.0-alpha.1")!)
        #expect(SemanticVersion("1.9.0")! < SemanticVersion("1.10.0")!)
    }

    // MARK: Errors, each with its line

    /// The issues that are errors, as (line, problem).
    private func errors(_ yaml: String) -> [(Int, CodebookProblem)] {
        Fixtures.issues(yaml).filter { $0.severity == .error }.map { ($0.location.line, $0.problem) }
    }

    @Test("YAML syntax errors are reported with their line")
    func syntax() {
        let issues = Fixtures.issues("id: x\nversion: \"1.0.0\"\ntitle: [unclosed\n")
        #expect(issues.count == 1)
        guard case .shape(.syntax) = issues.first?.problem else {
            Issue.record("expected a syntax error, got \(issues)")
            return
        }
        #expect(issues[0].location.line >= 3)
        let duplicate = Fixtures.issues("id: x\nid: y\n")
        guard case .shape(.syntax(let text)) = duplicate.first?.problem else {
            Issue.record("expected a duplicate-key error, got \(duplicate)")
            return
        }
        #expect(text.contains("`id`"))
        #expect(Fixtures.issues("").first?.problem == .shape(.emptyFile))
        #expect(Fixtures.issues("- a\n- b\n").first?.problem == .shape(.notAMapping(what: "the codebook")))
    }

    @Test("a bad version is an error on its line")
    func badVersion() {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "version: \"1.2.0\"", with: "version: 1.0")
        let found = errors(yaml)
        #expect(found.count == 1)
        #expect(found.first?.0 == 2)
        #expect(found.first?.1 == .badVersion("1.0"))
    }

    @Test("an unknown criterion in a rule is reported where it is used")
    func unknownCriterion() {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "X.three]}]", with: "X.thre]}]")
        let found = errors(yaml)
        #expect(found.count == 1)
        #expect(found.first?.0 == 11)
        #expect(found.first?.1 == .unknownCriterion("X.thre", inRuleOf: "A"))
    }

    @Test("a category used as a criterion gets a hint; an unknown category is an error")
    func categoryReferences() {
        var yaml = Fixtures.minimal.replacingOccurrences(of: "{not: {category: A}}", with: "{not: A}")
        #expect(errors(yaml).map(\.1) == [.categoryUsedAsCriterion("A", inRuleOf: "B")])
        yaml = Fixtures.minimal.replacingOccurrences(of: "{not: {category: A}}", with: "{not: {category: Z}}")
        let found = errors(yaml)
        #expect(found.map(\.1) == [.unknownCategory("Z", inRuleOf: "B")])
        #expect(found.first?.0 == 14)
    }

    @Test("duplicate ids are reported at the second use, naming the first")
    func duplicates() {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "id: X.three", with: "id: X.two")
            .replacingOccurrences(of: "id: B", with: "id: A")
        let found = errors(yaml)
        #expect(found.contains { $0.0 == 12 && $0.1 == .duplicateID("A", kind: "category", firstLine: 8) })
        #expect(found.contains { $0.0 == 22 && $0.1 == .duplicateID("X.two", kind: "criterion", firstLine: 19) })
    }

    @Test("cycles between category rules are found")
    func cycles() {
        let yaml = Fixtures.minimal
            .replacingOccurrences(of: "all: [X.one, {any: [X.two, X.three]}]", with: "all: [X.one, {category: B}]")
        let found = errors(yaml)
        #expect(found.map(\.1) == [.ruleCycle(["A", "B", "A"])])
        #expect(found.first?.0 == 8)
        let selfLoop = Fixtures.minimal.replacingOccurrences(of: "{not: {category: A}}", with: "{any: [X.one, {category: B}]}")
        #expect(errors(selfLoop).map(\.1) == [.ruleCycle(["B", "B"])])
    }

    @Test("empty definitions, missing keys and malformed rules are all reported together")
    func manyAtOnce() {
        let yaml = """
        id: broken
        version: "2.0"
        title: Broken
        dimensions:
          - id: d
            label: D
            categories:
              - id: A
                label: A
                rule: [X.one, X.two]
              - id: B
                label: B
                rule: {at_least: 3, of: [X.one, X.two]}
              - id: C
                label: C
                rule: {all: [X.one], any: [X.two]}
              - id: E
                rule: X.one
            criteria:
              - id: X.one
                label: One
                definition: ""
              - id: X.two
                label: Two
                definition: Two.
                test: smoking-pistol
        """
        let found = errors(yaml)
        let expected: [(Int, CodebookProblem)] = [
            (2, .badVersion("2.0")),
            (10, .malformedRule("a bare list; put it under `all:` or `any:`", inRuleOf: "A")),
            (13, .atLeastOutOfRange(3, parts: 2, inRuleOf: "B")),
            (16, .malformedRule("`all`, `any` together in one mapping; use one operator per mapping", inRuleOf: "C")),
            (17, .shape(.missingKey("label", in: "a category"))),
            (22, .emptyDefinition(criterion: "X.one")),
            (26, .unknownTestType("smoking-pistol", criterion: "X.two")),
        ]
        #expect(found.count == expected.count, "\(found)")
        for (line, problem) in expected {
            #expect(found.contains { $0.0 == line && $0.1 == problem }, "missing line \(line): \(problem)")
        }
        do {
            _ = try Fixtures.codebook(yaml, path: "Codebooks/broken.yaml")
            Issue.record("a broken codebook loaded")
        } catch {
            #expect(error.issues.count == expected.count)
            #expect(error.description.contains("Codebooks/broken.yaml:22:"))
            #expect(error.description.contains("empty definition"))
        }
    }

    @Test("likelihoods must be probabilities for categories that exist")
    func likelihoods() throws {
        let good = Fixtures.minimal + """

                likelihoods:
                  A: {if_member: 0.9, if_not_member: 0.2}
        """
        let codebook = try Fixtures.codebook(good)
        #expect(codebook.criterion("X.three")?.likelihoods["A"] == Likelihood(ifMember: 0.9, ifNotMember: 0.2))
        #expect(abs(codebook.criterion("X.three")!.likelihoods["A"]!.ratio - 4.5) < 1e-9)
        let bad = Fixtures.minimal + """

                likelihoods:
                  A: {if_member: 1.5, if_not_member: 0.2}
                  Q: {if_member: 0.5, if_not_member: 0.5}
                  B: {if_member: 0.5}
                  C: {if_member: 0, if_not_member: 0}
                  D: {if_member: 1, if_not_member: 1}
        """
        let found = errors(bad)
        // Both 0 or both 1: no weight for one reading, 0/0; named with its line.
        #expect(found.contains { $0.0 == 29 && $0.1 == .likelihoodsWithoutWeight(0, criterion: "X.three", category: "C") })
        #expect(found.contains { $0.0 == 30 && $0.1 == .likelihoodsWithoutWeight(1, criterion: "X.three", category: "D") })
        #expect(CodebookProblem.likelihoodsWithoutWeight(1, criterion: "X.three", category: "D").description.contains("contradicted or absent"))
        // A single 0 or 1 is a certain test, allowed: weigh shows an infinite weight.
        let certain = Fixtures.minimal + """

                likelihoods:
                  A: {if_member: 1, if_not_member: 0.4}
                  B: {if_member: 0.3, if_not_member: 0}
        """
        #expect(try Fixtures.codebook(certain).criterion("X.three")?.likelihoods["B"]?.ratio == .infinity)
        #expect(found.contains { $0.0 == 26 && $0.1 == .likelihoodOutOfRange(1.5, criterion: "X.three", category: "A") })
        #expect(found.contains { $0.0 == 27 && $0.1 == .likelihoodUnknownCategory("Q", criterion: "X.three") })
        #expect(found.contains { $0.0 == 28 && $0.1 == .shape(.missingKey("if_not_member", in: "likelihood for `B` in criterion `X.three`")) })
    }

    @Test("unknown keys are warnings with their line, and do not stop loading")
    func unknownKeys() throws {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "    definition: The first thing.", with: "    definition: The first thing.\n        defintion: typo")
        let issues = Fixtures.issues(yaml)
        #expect(issues.count == 1)
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.location.line == 19)
        #expect(issues.first?.problem == .shape(.unknownKey("defintion", in: "a criterion")))
        #expect(issues.first?.description.hasPrefix("test.yaml:19:9: warning: unknown key `defintion`") == true)
        _ = try Fixtures.codebook(yaml)
    }

    @Test("attributes: unknown types are errors; values are checked against their type")
    func attributes() {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "    label: Type\n", with: """
            label: Type
            attributes:
              - {name: amount, type: number}
              - {name: amount, type: money}

        """)
        let found = errors(yaml)
        #expect(found.contains { $0.0 == 9 && $0.1 == .unknownAttributeType("money", attribute: "amount") })
        #expect(found.contains { $0.0 == 9 && $0.1 == .duplicateID("amount", kind: "attribute", firstLine: 8) })
        let currency = AttributeDefinition(name: "currency", type: .currency)
        #expect(currency.problem(with: "USD") == nil)
        #expect(currency.problem(with: "DEM") == nil)
        #expect(currency.problem(with: "usd") != nil)
        let period = AttributeDefinition(name: "period", type: .period)
        #expect(period.problem(with: "1950-07/1953-07") == nil)
        #expect(period.problem(with: "1950-13") != nil)
        let count = AttributeDefinition(name: "troop_count", type: .integer)
        #expect(count.problem(with: "1200") == nil)
        #expect(count.problem(with: "about 1200") != nil)
        let status = AttributeDefinition(name: "status", type: .text, allowedValues: ["paid", "offered"])
        #expect(status.problem(with: "promised") != nil)
        let amount = AttributeDefinition(name: "amount", type: .number)
        #expect(amount.problem(with: "9.13") == nil)
        #expect(amount.problem(with: "$9m") != nil)
    }
}
