/// What is wrong in a codebook file, in words a researcher understands. Where it is wrong is
/// in the ``CodebookIssue`` that carries it.
public enum CodebookProblem: Sendable, Hashable, CustomStringConvertible {
    /// The YAML has the wrong shape (syntax, missing or unknown key, wrong kind of value).
    case shape(YAMLShapeProblem)
    /// `version` is not `MAJOR.MINOR.PATCH`.
    case badVersion(String)
    /// An id has characters other than letters, digits, `.`, `_`, `-`.
    case badID(String, what: String)
    /// Two things of the same kind share an id; `firstLine` is where it was first used.
    case duplicateID(String, kind: String, firstLine: Int)
    /// A criterion's definition is empty.
    case emptyDefinition(criterion: String)
    /// A rule names a criterion no dimension defines.
    case unknownCriterion(String, inRuleOf: String)
    /// A rule names a category (`category: X`) that does not exist.
    case unknownCategory(String, inRuleOf: String)
    /// A rule names a category where a criterion is expected; write `category: X`.
    case categoryUsedAsCriterion(String, inRuleOf: String)
    /// Categories whose rules refer to each other in a circle (first id repeated at the end).
    case ruleCycle([String])
    /// A rule is not one of the known shapes; the text says what was found.
    case malformedRule(String, inRuleOf: String)
    /// `at_least: N` asks for more parts than it lists, or for fewer than one.
    case atLeastOutOfRange(Int, parts: Int, inRuleOf: String)
    /// `test` is not one of the four process-tracing tests.
    case unknownTestType(String, criterion: String)
    /// A likelihood is not a probability.
    case likelihoodOutOfRange(Double, criterion: String, category: String)
    /// A likelihood names a category that does not exist.
    case likelihoodUnknownCategory(String, criterion: String)
    /// `if_member` and `if_not_member` are both 0 (the evidence could never be found) or both 1 (it
    /// could never be missing or contradicted): one reading of the criterion would have no weight
    /// at all, 0/0.
    case likelihoodsWithoutWeight(Double, criterion: String, category: String)
    /// An attribute's `type` is not one of the known value types.
    case unknownAttributeType(String, attribute: String)
    /// The changelog has no entry for the codebook's own version (a warning).
    case changelogMissingVersion(String)
    /// A criterion's `test` says it is necessary (hoop, doubly decisive) or sufficient (smoking gun,
    /// doubly decisive) for a category, or neither (straw in the wind), and that category's rule
    /// says otherwise. `rule` is what the rule makes of the criterion.
    case testContradictsRule(criterion: String, test: String, category: String, rule: String)
    /// A value that must be `true` or `false` is something else.
    case notABoolean(String, what: String)
    /// A dimension's `subject` is not `case` or `operation_actor`.
    case unknownSubject(String, dimension: String)
    /// A category's `prior` is not strictly between 0 and 1.
    case priorOutOfRange(Double, category: String)
    /// A value of the `reliability:` section is out of its range; the text says which and why.
    case badReliabilitySetting(String)

    public var description: String {
        switch self {
        case .shape(let problem):
            return problem.description
        case .badVersion(let text):
            return "version `\(text)` is not a semantic version; write three numbers MAJOR.MINOR.PATCH, e.g. 1.0.0 (quote it if YAML reads it as a number)"
        case .badID(let id, let what):
            return "\(what) id `\(id)` may only use letters, digits, `.`, `_` and `-`"
        case .duplicateID(let id, let kind, let line):
            return "\(kind) id `\(id)` is used twice (first on line \(line)); ids must be unique"
        case .emptyDefinition(let id):
            return "criterion `\(id)` has an empty definition; coders need one to apply it"
        case .unknownCriterion(let id, let owner):
            return "the rule of `\(owner)` uses criterion `\(id)`, which no dimension defines"
        case .unknownCategory(let id, let owner):
            return "the rule of `\(owner)` refers to category `\(id)`, which does not exist"
        case .categoryUsedAsCriterion(let id, let owner):
            return "the rule of `\(owner)` uses `\(id)` as a criterion, but it is a category; write `category: \(id)`"
        case .ruleCycle(let ids):
            return "the rules of these categories depend on each other in a circle: \(ids.joined(separator: " → "))"
        case .malformedRule(let found, let owner):
            return "the rule of `\(owner)` is not understood: \(found); a rule is a criterion id or a mapping with one of all, any, not, at_least (+ of), category"
        case .atLeastOutOfRange(let n, let parts, let owner):
            return "the rule of `\(owner)` asks for at least \(n) of \(parts) parts; N must be between 1 and the number of parts"
        case .unknownTestType(let text, let id):
            return "criterion `\(id)` has test `\(text)`; use straw_in_the_wind, hoop, smoking_gun or doubly_decisive"
        case .likelihoodOutOfRange(let value, let id, let category):
            return "criterion `\(id)` gives likelihood \(value) for `\(category)`; probabilities lie between 0 and 1"
        case .likelihoodsWithoutWeight(let value, let id, let category):
            let which = value == 0 ? "found" : "contradicted or absent"
            return "criterion `\(id)` gives `\(category)` if_member and if_not_member both \(value == 0 ? "0" : "1"): evidence \(which) would be impossible whether or not the case is a member, so it has no weight (0/0); give at least one of the two a value strictly between 0 and 1"
        case .likelihoodUnknownCategory(let category, let id):
            return "criterion `\(id)` gives likelihoods for category `\(category)`, which does not exist"
        case .unknownAttributeType(let text, let name):
            return "attribute `\(name)` has type `\(text)`; use number, integer, text, currency, date or period"
        case .changelogMissingVersion(let version):
            return "the changelog has no entry for version \(version)"
        case .testContradictsRule(let criterion, let test, let category, let rule):
            return "criterion `\(criterion)` is a \(test) for `\(category)`, but the rule of `\(category)` makes it \(rule); make the test and the rule agree"
        case .notABoolean(let text, let what):
            return "\(what) is `\(text)`; write true or false"
        case .priorOutOfRange(let value, let category):
            return "category `\(category)` gives prior \(value); a prior lies strictly between 0 and 1 (0 or 1 could never be moved by evidence)"
        case .unknownSubject(let text, let dimension):
            return "dimension `\(dimension)` has subject `\(text)`; use case or operation_actor"
        case .badReliabilitySetting(let text):
            return "reliability: \(text)"
        }
    }
}
