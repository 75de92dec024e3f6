/// What is wrong in a case register file, in words a researcher understands. Where it is wrong
/// is in the ``RegisterIssue`` that carries it.
public enum RegisterProblem: Sendable, Hashable, CustomStringConvertible {
    /// The YAML has the wrong shape (syntax, missing or unknown key, wrong kind of value).
    case shape(YAMLShapeProblem)
    /// An id has characters other than letters, digits, `.`, `_`, `-`, `/`, `#`.
    case badID(String, what: String)
    /// Two rows of the same kind share an id; `firstLine` is where it was first used.
    case duplicateID(String, kind: String, firstLine: Int)
    /// A row refers to an actor, operation or case the register does not define.
    case unknownReference(String, kind: String, from: String)
    /// Not an ISO 3166-1 or ISO 3166-3 alpha-3 code.
    case badCountryCode(String, actor: String)
    /// Not an ISO 4217 currency code.
    case badCurrencyCode(String, payment: String)
    /// A value outside the fixed vocabulary of a field.
    case unknownValue(String, field: String, allowed: [String])
    /// The subtype belongs to the other payment scheme.
    case subtypeSchemeMismatch(subtype: String, scheme: String, payment: String)
    /// The amount is not a non-negative number.
    case badAmount(String, payment: String)
    /// An amount without a currency cannot be compared with anything.
    case amountWithoutCurrency(payment: String)
    /// Years are not `YYYY` or `YYYY-YYYY` in order, between 1800 and 2100.
    case badYears(String, what: String)
    /// Both `year` and `period` are given.
    case yearAndPeriod(payment: String)
    /// The same alias (after ignoring case and accents) names two actors (a warning).
    case ambiguousAlias(String, actors: [String])
    /// A row has no `source:` (an article locator or a full citation); `register validate` requires one.
    case missingSource(what: String)

    public var description: String {
        switch self {
        case .shape(let problem):
            return problem.description
        case .badID(let id, let what):
            return "\(what) id `\(id)` may only use letters, digits and . _ - / # (and @ in an OPERATION@ACTOR case id)"
        case .duplicateID(let id, let kind, let line):
            return "\(kind) id `\(id)` is used twice (first on line \(line)); ids must be unique"
        case .unknownReference(let id, let kind, let from):
            return "\(from) refers to \(kind) `\(id)`, which the register does not define"
        case .badCountryCode(let code, let actor):
            return "actor `\(actor)` has iso3 `\(code)`, which is not an ISO 3166 alpha-3 country code"
        case .badCurrencyCode(let code, let payment):
            return "payment `\(payment)` has currency `\(code)`, which is not an ISO 4217 code (such as USD)"
        case .unknownValue(let value, let field, let allowed):
            return "`\(value)` is not a known \(field); use one of \(allowed.joined(separator: ", "))"
        case .subtypeSchemeMismatch(let subtype, let scheme, let payment):
            return "payment `\(payment)` has subtype `\(subtype)`, which is not a kind of \(scheme)"
        case .badAmount(let text, let payment):
            return "payment `\(payment)` has amount `\(text)`; write a plain number such as 500000 or 9.13 (no currency signs or commas)"
        case .amountWithoutCurrency(let payment):
            return "payment `\(payment)` has an amount but no currency"
        case .badYears(let text, let what):
            return "\(what) has years `\(text)`; write YYYY or YYYY-YYYY (earlier year first)"
        case .yearAndPeriod(let payment):
            return "payment `\(payment)` has both `year` and `period`; keep one"
        case .ambiguousAlias(let alias, let actors):
            return "alias `\(alias)` names several actors (\(actors.joined(separator: ", "))); mentions of it will be ambiguous"
        case .missingSource(let what):
            return "\(what) has no `source:`; give an article locator (\"Henke 2019, n. 85\") or a full citation of another source"
        }
    }
}
