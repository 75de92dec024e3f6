import Foundation
import Yams

/// Turns a codebook YAML file into a ``Codebook`` and the list of everything wrong with it.
struct CodebookParser {
    private var reader: YAMLReader
    private var issues: [CodebookIssue] = []
    /// Every id a rule mentions, with where and in which category's rule.
    private var ruleReferences: [(rule: Rule, location: SourceLocation, owner: String)] = []
    private var categoryLines: [String: SourceLocation] = [:]

    private init(path: String) {
        reader = YAMLReader(path: path)
    }

    static func parse(data: Data, path: String) -> (codebook: Codebook?, issues: [CodebookIssue]) {
        var parser = CodebookParser(path: path)
        switch YAMLReader.compose(data: data, path: path) {
        case .failure(let issue):
            return (nil, [CodebookIssue(severity: .error, location: issue.location, problem: .shape(issue.problem))])
        case .success(let root):
            let codebook = parser.codebook(root)
            if let codebook { parser.check(codebook) }
            let all = parser.reader.issues.map {
                CodebookIssue(severity: $0.severity, location: $0.location, problem: .shape($0.problem))
            } + parser.issues
            return (codebook, all.sortedInFileOrder(by: \.location))
        }
    }

    private mutating func report(_ problem: CodebookProblem, at location: SourceLocation, severity: Severity = .error) {
        issues.append(CodebookIssue(severity: severity, location: location, problem: problem))
    }

    // MARK: Reading

    private mutating func codebook(_ root: Node) -> Codebook? {
        let what = "the codebook"
        guard let f = reader.fields(
            root, what: what,
            required: ["id", "version", "title", "dimensions"],
            optional: ["authors", "publication", "licence", "license", "changelog", "reliability"])
        else { return nil }
        let id = reader.requiredString(f["id"], key: "id", in: what)
        checkID(id, what: "codebook", at: f["id"])
        let versionText = reader.string(f["version"], what: "version") ?? ""
        var version = SemanticVersion(major: 0, minor: 0, patch: 0)
        if let field = f["version"], !versionText.isEmpty {
            if let parsed = SemanticVersion(versionText) {
                version = parsed
            } else {
                report(.badVersion(versionText), at: reader.location(of: field.value))
            }
        }
        var publication: Codebook.Publication?
        if let field = f["publication"], !reader.isNull(field.value) {
            if case .scalar = field.value {
                publication = reader.string(field.value, what: "publication").map { Codebook.Publication(citation: $0) }
            } else if let p = reader.fields(field.value, what: "publication", required: ["citation"], optional: ["doi", "year"]) {
                publication = Codebook.Publication(
                    citation: reader.requiredString(p["citation"], key: "citation", in: "publication"),
                    doi: reader.string(p["doi"], what: "doi"),
                    year: p["year"].flatMap { reader.int($0.value, what: "publication year") })
            }
        }
        var changelog: [Codebook.ChangelogEntry] = []
        for node in reader.list(f["changelog"], what: "changelog") {
            let entryWhat = "a changelog entry"
            guard let e = reader.fields(node, what: entryWhat, required: ["version"], optional: ["date", "changes"]) else { continue }
            let text = reader.string(e["version"], what: "changelog version") ?? ""
            guard let entryVersion = SemanticVersion(text) else {
                if let field = e["version"], !text.isEmpty { report(.badVersion(text), at: reader.location(of: field.value)) }
                continue
            }
            changelog.append(Codebook.ChangelogEntry(
                version: entryVersion, date: reader.string(e["date"], what: "changelog date"),
                changes: reader.strings(e["changes"], what: "changes")))
        }
        if !changelog.isEmpty, SemanticVersion(versionText) != nil, !changelog.contains(where: { $0.version == version }) {
            report(.changelogMissingVersion(version.description), at: reader.location(of: f["changelog"]!), severity: .warning)
        }
        let dimensions = reader.list(f["dimensions"], what: "dimensions").compactMap { dimension($0) }
        let reliability = f["reliability"].flatMap { reader.isNull($0.value) ? nil : reliabilitySettings($0.value) }
        return Codebook(
            id: id, version: version,
            title: reader.requiredString(f["title"], key: "title", in: what),
            authors: reader.strings(f["authors"], what: "authors"),
            publication: publication,
            licence: reader.string(f["licence"] ?? f["license"], what: "licence"),
            changelog: changelog, dimensions: dimensions, reliability: reliability)
    }

    /// The `reliability:` section: each value checked against its range, where it is written.
    private mutating func reliabilitySettings(_ node: Node) -> ReliabilitySettings? {
        guard let f = reader.fields(node, what: "reliability", required: [],
                                    optional: ["reliable", "tentative", "significance", "min_units"]) else { return nil }
        var settings = ReliabilitySettings()
        func number(_ key: String) -> (Double, SourceLocation)? {
            guard let field = f[key], let value = reader.double(field.value, what: "reliability.\(key)") else { return nil }
            return (value, reader.location(of: field.value))
        }
        if let (v, at) = number("reliable") {
            if v > 0 && v <= 1 { settings.reliable = v } else { report(.badReliabilitySetting("reliable is \(v); an alpha minimum lies in (0, 1]"), at: at) }
        }
        if let (v, at) = number("tentative") {
            if v > 0 && v <= 1 { settings.tentative = v } else { report(.badReliabilitySetting("tentative is \(v); an alpha minimum lies in (0, 1]"), at: at) }
        }
        if let (v, at) = number("significance") {
            if v > 0 && v < 0.5 { settings.significance = v } else { report(.badReliabilitySetting("significance is \(v); a one-sided test level lies in (0, 0.5)"), at: at) }
        }
        if let field = f["min_units"], let v = reader.int(field.value, what: "reliability.min_units") {
            if v >= 2 { settings.minimumUnits = v } else { report(.badReliabilitySetting("min_units is \(v); reliability needs at least 2 units"), at: reader.location(of: field.value)) }
        }
        let reliable = settings.reliable ?? 0.8, tentative = settings.tentative ?? 0.667
        if tentative > reliable, let field = f["tentative"] ?? f["reliable"] {
            report(.badReliabilitySetting("tentative (\(tentative)) is above reliable (\(reliable)); the tentative minimum is the lower one"),
                   at: reader.location(of: field.value))
        }
        return settings
    }

    private mutating func dimension(_ node: Node) -> Dimension? {
        guard let f = reader.fields(
            node, what: "a dimension", required: ["id", "label"],
            optional: ["description", "categories", "criteria", "attributes", "subject"])
        else { return nil }
        let id = reader.requiredString(f["id"], key: "id", in: "a dimension")
        checkID(id, what: "dimension", at: f["id"])
        let what = "dimension `\(id)`"
        var subject = Dimension.Subject.coalitionCase
        if let field = f["subject"], let text = reader.string(field.value, what: "subject of \(what)") {
            if let parsed = Dimension.Subject(rawValue: text) {
                subject = parsed
            } else {
                report(.unknownSubject(text, dimension: id), at: reader.location(of: field.value))
            }
        }
        return Dimension(
            id: id,
            label: reader.requiredString(f["label"], key: "label", in: what),
            description: reader.string(f["description"], what: "description of \(what)"),
            categories: reader.list(f["categories"], what: "categories of \(what)").compactMap { category($0) },
            criteria: reader.list(f["criteria"], what: "criteria of \(what)").compactMap { criterion($0) },
            attributes: reader.list(f["attributes"], what: "attributes of \(what)").compactMap { attribute($0) },
            subject: subject)
    }

    private mutating func category(_ node: Node) -> Category? {
        guard let f = reader.fields(node, what: "a category", required: ["id", "label", "rule"], optional: ["description", "prior"])
        else { return nil }
        let id = reader.requiredString(f["id"], key: "id", in: "a category")
        checkID(id, what: "category", at: f["id"])
        let what = "category `\(id)`"
        if !id.isEmpty, let field = f["id"], categoryLines[id] == nil { categoryLines[id] = reader.location(of: field) }
        var rule = Rule.all([])
        if let field = f["rule"], !reader.isNull(field.value), let parsed = self.rule(field.value, owner: id) {
            rule = parsed
        }
        var prior: Double?
        if let field = f["prior"], !reader.isNull(field.value), let value = reader.double(field.value, what: "prior of \(what)") {
            if value > 0 && value < 1 { prior = value } else { report(.priorOutOfRange(value, category: id), at: reader.location(of: field.value)) }
        }
        return Category(
            id: id, label: reader.requiredString(f["label"], key: "label", in: what),
            description: reader.string(f["description"], what: "description of \(what)"), rule: rule, prior: prior)
    }

    private static let operators = ["all", "any", "not", "at_least", "category"]

    private mutating func rule(_ node: Node, owner: String) -> Rule? {
        let location = reader.location(of: node)
        switch node {
        case .scalar:
            guard let id = reader.string(node, what: "a rule"), !id.isEmpty else {
                report(.malformedRule("an empty value", inRuleOf: owner), at: location)
                return nil
            }
            let rule = Rule.criterion(id)
            ruleReferences.append((rule, location, owner))
            return rule
        case .sequence:
            report(.malformedRule("a bare list; put it under `all:` or `any:`", inRuleOf: owner), at: location)
            return nil
        case .alias:
            report(.malformedRule("a YAML alias", inRuleOf: owner), at: location)
            return nil
        case .mapping:
            guard let fields = reader.mapping(node, what: "a rule") else { return nil }
            let keys = fields.map(\.key)
            let ops = keys.filter { Self.operators.contains($0) }
            let allowed = ops == ["at_least"] ? Set(["at_least", "of"]) : Set(ops)
            let stray = keys.filter { !allowed.contains($0) }
            guard ops.count == 1, stray.isEmpty else {
                let found = ops.isEmpty
                    ? "a mapping with \(keys.map { "`\($0)`" }.joined(separator: ", "))"
                    : "`\(keys.joined(separator: "`, `"))` together in one mapping; use one operator per mapping"
                report(.malformedRule(found, inRuleOf: owner), at: location)
                return nil
            }
            let field = fields.first { $0.key == ops[0] }!
            switch ops[0] {
            case "category":
                guard let id = reader.string(field.value, what: "`category` in a rule"), !id.isEmpty else {
                    report(.malformedRule("`category` with no id", inRuleOf: owner), at: location)
                    return nil
                }
                let rule = Rule.category(id)
                ruleReferences.append((rule, reader.location(of: field.value), owner))
                return rule
            case "not":
                return self.rule(field.value, owner: owner).map { .not($0) }
            case "all", "any":
                guard case .sequence(let sequence) = field.value, !sequence.isEmpty else {
                    report(.malformedRule("`\(field.key)` needs a non-empty list of parts", inRuleOf: owner), at: location)
                    return nil
                }
                let parts = sequence.map { self.rule($0, owner: owner) }
                guard parts.allSatisfy({ $0 != nil }) else { return nil }
                return field.key == "all" ? .all(parts.map { $0! }) : .any(parts.map { $0! })
            default: // at_least
                guard let n = reader.int(field.value, what: "`at_least`") else { return nil }
                guard let of = fields.first(where: { $0.key == "of" }), case .sequence(let sequence) = of.value else {
                    report(.malformedRule("`at_least` needs `of:` with a list of parts", inRuleOf: owner), at: location)
                    return nil
                }
                let parts = sequence.map { self.rule($0, owner: owner) }
                guard parts.allSatisfy({ $0 != nil }) else { return nil }
                if n < 1 || n > parts.count {
                    report(.atLeastOutOfRange(n, parts: parts.count, inRuleOf: owner), at: reader.location(of: field.value))
                }
                return .atLeast(n, of: parts.map { $0! })
            }
        }
    }

    private mutating func criterion(_ node: Node) -> Criterion? {
        guard let f = reader.fields(
            node, what: "a criterion", required: ["id", "label", "definition"],
            optional: ["include", "exclude", "positive_examples", "negative_examples", "test", "likelihoods",
                       "absence_is_evidence"])
        else { return nil }
        let id = reader.requiredString(f["id"], key: "id", in: "a criterion")
        checkID(id, what: "criterion", at: f["id"])
        let what = "criterion `\(id)`"
        var definition = ""
        if let field = f["definition"] {
            definition = reader.string(field.value, what: "definition of \(what)") ?? ""
            if definition.isEmpty { report(.emptyDefinition(criterion: id), at: reader.location(of: field)) }
        }
        var test: EvidenceTest?
        if let field = f["test"], let text = reader.string(field.value, what: "test of \(what)") {
            test = EvidenceTest(yamlValue: text)
            if test == nil { report(.unknownTestType(text, criterion: id), at: reader.location(of: field.value)) }
        }
        var absenceIsEvidence = false
        if let field = f["absence_is_evidence"], let text = reader.string(field.value, what: "absence_is_evidence of \(what)") {
            switch text.lowercased() {
            case "true", "yes": absenceIsEvidence = true
            case "false", "no": absenceIsEvidence = false
            default: report(.notABoolean(text, what: "absence_is_evidence of \(what)"), at: reader.location(of: field.value))
            }
        }
        testLines[id] = f["test"].map { reader.location(of: $0.value) }
        var likelihoods: [String: Likelihood] = [:]
        if let field = f["likelihoods"], !reader.isNull(field.value), let entries = reader.mapping(field.value, what: "likelihoods of \(what)") {
            for entry in entries {
                let entryWhat = "likelihood for `\(entry.key)` in \(what)"
                guard let l = reader.fields(entry.value, what: entryWhat, required: ["if_member", "if_not_member"]) else { continue }
                var values: [Double] = []
                for key in ["if_member", "if_not_member"] {
                    guard let valueField = l[key], let value = reader.double(valueField.value, what: "`\(key)` in \(entryWhat)") else { continue }
                    if !(0...1).contains(value) {
                        report(.likelihoodOutOfRange(value, criterion: id, category: entry.key), at: reader.location(of: valueField.value))
                    }
                    values.append(value)
                }
                likelihoodReferences.append((entry.key, id, reader.location(of: entry)))
                // 0 is allowed (a certain test, Humphreys & Jacobs 2023, §5.2.1; weigh shows ±infinite
                // weight), but not on both sides: then one reading of the criterion weighs 0/0.
                if values.count == 2, values[0] == values[1], values[0] == 0 || values[0] == 1 {
                    report(.likelihoodsWithoutWeight(values[0], criterion: id, category: entry.key), at: reader.location(of: entry.value))
                }
                if values.count == 2 { likelihoods[entry.key] = Likelihood(ifMember: values[0], ifNotMember: values[1]) }
            }
        }
        return Criterion(
            id: id, label: reader.requiredString(f["label"], key: "label", in: what), definition: definition,
            include: reader.strings(f["include"], what: "include of \(what)"),
            exclude: reader.strings(f["exclude"], what: "exclude of \(what)"),
            positiveExamples: reader.strings(f["positive_examples"], what: "positive examples of \(what)"),
            negativeExamples: reader.strings(f["negative_examples"], what: "negative examples of \(what)"),
            test: test, likelihoods: likelihoods, absenceIsEvidence: absenceIsEvidence)
    }

    private var testLines: [String: SourceLocation] = [:]

    private var likelihoodReferences: [(category: String, criterion: String, location: SourceLocation)] = []

    private mutating func attribute(_ node: Node) -> AttributeDefinition? {
        guard let f = reader.fields(
            node, what: "an attribute", required: ["name", "type"], optional: ["unit", "description", "allowed_values"])
        else { return nil }
        let name = reader.requiredString(f["name"], key: "name", in: "an attribute")
        checkID(name, what: "attribute", at: f["name"])
        let typeText = reader.string(f["type"], what: "type of attribute `\(name)`") ?? ""
        let type = AttributeDefinition.ValueType(rawValue: typeText.lowercased())
        if type == nil, let field = f["type"], !typeText.isEmpty {
            report(.unknownAttributeType(typeText, attribute: name), at: reader.location(of: field.value))
        }
        attributeLines.append((name, f["name"].map { reader.location(of: $0) }))
        return AttributeDefinition(
            name: name, type: type ?? .text,
            unit: reader.string(f["unit"], what: "unit of attribute `\(name)`"),
            description: reader.string(f["description"], what: "description of attribute `\(name)`"),
            allowedValues: reader.strings(f["allowed_values"], what: "allowed values of attribute `\(name)`"))
    }

    private var attributeLines: [(name: String, location: SourceLocation?)] = []
    private var idLines: [String: [(id: String, location: SourceLocation)]] = [:]

    private mutating func checkID(_ id: String, what: String, at field: YAMLField?) {
        guard let field, !id.isEmpty else { return }
        let location = reader.location(of: field.value)
        let ok = id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || ".-_".unicodeScalars.contains($0)
        }
        if !ok { report(.badID(id, what: what), at: location) }
        idLines[what, default: []].append((id, location))
    }

    // MARK: Checking across the file

    private mutating func check(_ codebook: Codebook) {
        // Duplicate ids: criteria and categories across the codebook, dimensions, attributes per dimension.
        for kind in ["dimension", "category", "criterion"] {
            var first: [String: Int] = [:]
            for (id, location) in idLines[kind] ?? [] {
                if let line = first[id] {
                    report(.duplicateID(id, kind: kind, firstLine: line), at: location)
                } else {
                    first[id] = location.line
                }
            }
        }
        var attributeIndex = 0
        for dimension in codebook.dimensions {
            var first: [String: Int] = [:]
            for attribute in dimension.attributes {
                defer { attributeIndex += 1 }
                guard attributeIndex < attributeLines.count, let location = attributeLines[attributeIndex].location else { continue }
                if let line = first[attribute.name] {
                    report(.duplicateID(attribute.name, kind: "attribute", firstLine: line), at: location)
                } else {
                    first[attribute.name] = location.line
                }
            }
        }

        // References in rules.
        let criterionIDs = Set(codebook.allCriteria.map(\.id))
        let categoryIDs = Set(codebook.allCategories.map(\.id))
        for (rule, location, owner) in ruleReferences {
            switch rule {
            case .criterion(let id) where !criterionIDs.contains(id):
                report(categoryIDs.contains(id)
                    ? .categoryUsedAsCriterion(id, inRuleOf: owner)
                    : .unknownCriterion(id, inRuleOf: owner), at: location)
            case .category(let id) where !categoryIDs.contains(id):
                report(.unknownCategory(id, inRuleOf: owner), at: location)
            default:
                break
            }
        }
        for (category, criterion, location) in likelihoodReferences where !categoryIDs.contains(category) {
            report(.likelihoodUnknownCategory(category, criterion: criterion), at: location)
        }

        // Each criterion's process-tracing test must say what the rules do with it.
        for problem in codebook.testRuleDisagreements() {
            let location = testLines[problem.criterion] ?? categoryLines[problem.category] ?? SourceLocation(path: reader.path, line: 0)
            report(.testContradictsRule(criterion: problem.criterion, test: problem.test.label,
                                        category: problem.category, rule: problem.ruleReading), at: location)
        }

        // Cycles among category references.
        for cycle in Self.cycles(in: codebook.allCategories) {
            let location = categoryLines[cycle[0]] ?? SourceLocation(path: reader.path, line: 0)
            report(.ruleCycle(cycle + [cycle[0]]), at: location)
        }
    }

    /// Each elementary cycle once, starting at its first category in file order.
    static func cycles(in categories: [Category]) -> [[String]] {
        var edges: [String: [String]] = [:]
        var order: [String: Int] = [:]
        for (index, category) in categories.enumerated() where edges[category.id] == nil {
            edges[category.id] = category.rule.categoryIDs
            order[category.id] = index
        }
        var found: [[String]] = []
        var seen = Set<[String]>()
        // Depth-first from each node, only through nodes later in file order, so each cycle is found from its first node.
        for start in categories.map(\.id) where order[start] != nil {
            var stack: [(node: String, path: [String])] = [(start, [start])]
            while let (node, path) = stack.popLast() {
                for next in edges[node] ?? [] {
                    guard let nextOrder = order[next], nextOrder >= order[start]! else { continue }
                    if next == start {
                        if seen.insert(path).inserted { found.append(path) }
                    } else if !path.contains(next) {
                        stack.append((next, path + [next]))
                    }
                }
            }
        }
        return found
    }
}
