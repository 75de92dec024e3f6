import Foundation
import Yams

/// Turns a register YAML file into a ``Register`` and the list of everything wrong with it.
struct RegisterParser {
    private var reader: YAMLReader
    private var issues: [RegisterIssue] = []
    /// Ids by kind, with where each was defined (for duplicates).
    private var definitions: [String: [(id: String, location: SourceLocation)]] = [:]
    /// References to check once every row is read.
    private var references: [(id: String, kind: String, from: String, location: SourceLocation)] = []
    private var aliasLocations: [String: SourceLocation] = [:]
    /// Whether a row without `source:` is an error (`register validate`) or passes (loading).
    private let requireSources: Bool

    private init(path: String, requireSources: Bool) {
        reader = YAMLReader(path: path)
        self.requireSources = requireSources
    }

    static func parse(data: Data, path: String, requireSources: Bool = false) -> (register: Register?, issues: [RegisterIssue]) {
        var parser = RegisterParser(path: path, requireSources: requireSources)
        switch YAMLReader.compose(data: data, path: path) {
        case .failure(let issue):
            return (nil, [RegisterIssue(severity: .error, location: issue.location, problem: .shape(issue.problem))])
        case .success(let root):
            let register = parser.register(root)
            if let register { parser.check(register) }
            let all = parser.reader.issues.map {
                RegisterIssue(severity: $0.severity, location: $0.location, problem: .shape($0.problem))
            } + parser.issues
            return (register, all.sortedInFileOrder(by: \.location))
        }
    }

    private mutating func report(_ problem: RegisterProblem, at location: SourceLocation, severity: Severity = .error) {
        issues.append(RegisterIssue(severity: severity, location: location, problem: problem))
    }

    private mutating func register(_ root: Node) -> Register? {
        guard let f = reader.fields(root, what: "the register", optional: ["actors", "operations", "cases", "payments"])
        else { return nil }
        return Register(
            actors: reader.list(f["actors"], what: "actors").compactMap { actor($0) },
            operations: reader.list(f["operations"], what: "operations").compactMap { operation($0) },
            cases: reader.list(f["cases"], what: "cases").compactMap { coalitionCase($0) },
            payments: reader.list(f["payments"], what: "payments").compactMap { payment($0) })
    }

    // MARK: Rows

    /// Reads a row's `source:`; when sources are required, a row without one is an error at the row.
    private mutating func source(_ f: [String: YAMLField], of what: String, row: Node) -> String? {
        let text = reader.string(f["source"], what: "source of \(what)")
        if requireSources, (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            report(.missingSource(what: what), at: reader.location(of: row))
        }
        return text
    }

    /// Reads the `id` of a row and records it for the duplicate check.
    private mutating func id(_ f: [String: YAMLField], kind: String) -> String {
        let id = reader.requiredString(f["id"], key: "id", in: "a row of \(kind)s")
        guard let field = f["id"], !id.isEmpty else { return id }
        let location = reader.location(of: field.value)
        let ok = id.unicodeScalars.allSatisfy {
            // `@` joins an operation and an actor in an operation-actor subject id (`KFOR-1999@USA`).
            $0.properties.isAlphabetic || $0.properties.numericType != nil || "._-/#".unicodeScalars.contains($0)
                || (kind == "case" && $0 == "@")
        }
        if !ok { report(.badID(id, what: kind), at: location) }
        definitions[kind, default: []].append((id, location))
        return id
    }

    private mutating func reference(_ field: YAMLField?, kind: String, from: String) -> String {
        guard let field, let id = reader.string(field.value, what: "`\(field.key)` of \(from)"), !id.isEmpty else { return "" }
        references.append((id, kind, from, reader.location(of: field.value)))
        return id
    }

    private mutating func enumValue<T: RawRepresentable & CaseIterable>(
        _ field: YAMLField?, _ type: T.Type, name: String
    ) -> T? where T.RawValue == String {
        guard let field, let text = reader.string(field.value, what: name), !text.isEmpty else { return nil }
        if let value = T(rawValue: text) { return value }
        report(.unknownValue(text, field: name, allowed: T.allCases.map(\.rawValue)), at: reader.location(of: field.value))
        return nil
    }

    private mutating func actor(_ node: Node) -> Actor? {
        guard let f = reader.fields(node, what: "an actor", required: ["id", "name", "kind"], optional: ["iso3", "aliases", "source"])
        else { return nil }
        let id = id(f, kind: "actor")
        let kind = enumValue(f["kind"], Actor.Kind.self, name: "actor kind")
        var iso3 = reader.string(f["iso3"], what: "iso3 of actor `\(id)`")
        if let code = iso3, let field = f["iso3"], !ISOCodes.isCountry(code) {
            report(.badCountryCode(code, actor: id), at: reader.location(of: field.value))
            iso3 = nil
        }
        let aliases = reader.strings(f["aliases"], what: "aliases of actor `\(id)`")
        if let field = f["aliases"] { aliasLocations[id] = reader.location(of: field) }
        guard let kind else { return nil }
        return Actor(
            id: id, name: reader.requiredString(f["name"], key: "name", in: "actor `\(id)`"),
            kind: kind, iso3: iso3, aliases: aliases, source: source(f, of: "actor `\(id)`", row: node))
    }

    private mutating func operation(_ node: Node) -> MilitaryOperation? {
        guard let f = reader.fields(
            node, what: "an operation", required: ["id", "name", "framework", "start_year"],
            optional: ["end_year", "pivotal_states", "note", "source"])
        else { return nil }
        let id = id(f, kind: "operation")
        let what = "operation `\(id)`"
        let framework = enumValue(f["framework"], MilitaryOperation.Framework.self, name: "framework")
        let start = f["start_year"].flatMap { reader.int($0.value, what: "start_year of \(what)") }
        let end = f["end_year"].flatMap { reader.isNull($0.value) ? nil : reader.int($0.value, what: "end_year of \(what)") }
        if let start, let field = f["start_year"], !(1800...2100).contains(start) || (end.map { $0 < start } ?? false) {
            report(.badYears("\(start)" + (end.map { "-\($0)" } ?? ""), what: what), at: reader.location(of: field.value))
        }
        var pivotal: [String] = []
        if let field = f["pivotal_states"] {
            for item in reader.list(field, what: "pivotal_states of \(what)") {
                guard let actorID = reader.string(item, what: "a pivotal state of \(what)"), !actorID.isEmpty else { continue }
                references.append((actorID, "actor", what, reader.location(of: item)))
                pivotal.append(actorID)
            }
        }
        guard let framework, let start else { return nil }
        return MilitaryOperation(
            id: id, name: reader.requiredString(f["name"], key: "name", in: what), framework: framework,
            startYear: start, endYear: end, pivotalStates: pivotal, note: reader.string(f["note"], what: "note of \(what)"),
            source: source(f, of: what, row: node))
    }

    private mutating func coalitionCase(_ node: Node) -> CoalitionCase? {
        // A case names its `recipient`; an operation-actor subject (pivotal-state coding) names its `actor`.
        var isPair = false
        if case .mapping(let mapping) = node {
            isPair = mapping.contains { if case .scalar(let key) = $0.key { key.string == "actor" } else { false } }
        }
        guard let f = reader.fields(node, what: isPair ? "an operation-actor subject" : "a case",
                                    required: ["id", isPair ? "actor" : "recipient", "operation"], optional: ["note", "source"])
        else { return nil }
        let id = id(f, kind: "case")
        let what = "case `\(id)`"
        return CoalitionCase(
            id: id, recipient: reference(f[isPair ? "actor" : "recipient"], kind: "actor", from: what),
            operation: reference(f["operation"], kind: "operation", from: what),
            note: reader.string(f["note"], what: "note of \(what)"),
            subject: isPair ? .operationActor : .coalitionCase,
            source: source(f, of: what, row: node))
    }

    private mutating func payment(_ node: Node) -> Payment? {
        guard let f = reader.fields(
            node, what: "a payment", required: ["id", "case", "payer", "scheme", "status"],
            optional: ["subtype", "amount", "currency", "basis", "year", "period", "note", "source", "evidence"])
        else { return nil }
        let id = id(f, kind: "payment")
        let what = "payment `\(id)`"
        let caseID = reference(f["case"], kind: "case", from: what)
        let payer = reference(f["payer"], kind: "actor", from: what)
        let scheme = enumValue(f["scheme"], PaymentScheme.self, name: "payment scheme")
        let subtype = enumValue(f["subtype"], PaymentSubtype.self, name: "payment subtype")
        if let scheme, let subtype, subtype.scheme != scheme, let field = f["subtype"] {
            report(.subtypeSchemeMismatch(subtype: subtype.rawValue, scheme: scheme.rawValue, payment: id), at: reader.location(of: field.value))
        }
        let status = enumValue(f["status"], Payment.Status.self, name: "payment status")
        let basis = enumValue(f["basis"], Payment.Basis.self, name: "amount basis")

        var amount: Decimal?
        if let field = f["amount"], let text = reader.string(field.value, what: "amount of \(what)"), !text.isEmpty {
            let plain = text.replacingOccurrences(of: "_", with: "")
            if plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), plain.filter({ $0 == "." }).count <= 1,
               let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) {
                amount = value
            } else {
                report(.badAmount(text, payment: id), at: reader.location(of: field.value))
            }
        }
        let currency = reader.string(f["currency"], what: "currency of \(what)")
        if let currency, let field = f["currency"], !ISOCodes.isCurrency(currency) {
            report(.badCurrencyCode(currency, payment: id), at: reader.location(of: field.value))
        }
        if amount != nil, currency == nil {
            report(.amountWithoutCurrency(payment: id), at: reader.location(of: f["amount"]!))
        }

        var years: YearSpan?
        if f["year"] != nil && f["period"] != nil {
            report(.yearAndPeriod(payment: id), at: reader.location(of: f["period"]!))
        }
        if let field = f["year"] ?? f["period"], let text = reader.string(field.value, what: "\(field.key) of \(what)"), !text.isEmpty {
            years = YearSpan(text)
            if years == nil { report(.badYears(text, what: what), at: reader.location(of: field.value)) }
        }
        guard let scheme, let status else { return nil }
        return Payment(
            id: id, caseID: caseID, payer: payer, scheme: scheme, subtype: subtype, amount: amount,
            currency: currency, basis: basis ?? .total, years: years, status: status,
            note: reader.string(f["note"], what: "note of \(what)"),
            source: source(f, of: what, row: node),
            evidence: reader.strings(f["evidence"], what: "evidence of \(what)"))
    }

    // MARK: Across rows

    private mutating func check(_ register: Register) {
        for kind in ["actor", "operation", "case", "payment"] {
            var first: [String: Int] = [:]
            for (id, location) in definitions[kind] ?? [] {
                if let line = first[id] {
                    report(.duplicateID(id, kind: kind, firstLine: line), at: location)
                } else {
                    first[id] = location.line
                }
            }
        }
        let known: [String: Set<String>] = [
            "actor": Set(register.actors.map(\.id)),
            "operation": Set(register.operations.map(\.id)),
            "case": Set(register.cases.map(\.id)),
        ]
        // A row that failed to read (bad enum value) is reported already; its id still counts as
        // defined so one mistake is not reported twice.
        let defined = known.merging(
            definitions.mapValues { Set($0.map(\.id)) }, uniquingKeysWith: { $0.union($1) })
        for (id, kind, from, location) in references where !(defined[kind] ?? []).contains(id) {
            report(.unknownReference(id, kind: kind, from: from), at: location)
        }
        // The same alias on two actors makes mentions ambiguous.
        var owners: [String: [String]] = [:]
        var spelled: [String: String] = [:]
        for actor in register.actors {
            for alias in Set(([actor.name] + actor.aliases).map { AliasMatcher.Alias(actorID: actor.id, pattern: $0) }) {
                let key = alias.matchKey
                if !(owners[key] ?? []).contains(actor.id) { owners[key, default: []].append(actor.id) }
                spelled[key] = spelled[key] ?? alias.pattern
            }
        }
        for (key, ids) in owners.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
            let location = aliasLocations[ids[1]] ?? SourceLocation(path: reader.path, line: 0)
            report(.ambiguousAlias(spelled[key]!, actors: ids), at: location, severity: .warning)
        }
    }
}
