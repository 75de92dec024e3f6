import Foundation
import Yams

/// One `key: value` pair of a YAML mapping, with where the key was written.
struct YAMLField {
    let key: String
    let keyLine: Int
    let keyColumn: Int
    let value: Node
}

/// A problem found while reading a YAML tree, before it is turned into a module-specific issue.
struct ShapeIssue: Error {
    let location: SourceLocation
    let problem: YAMLShapeProblem
    let severity: Severity
}

/// Reads typed values out of a composed YAML tree (`Yams.compose`), keeping line numbers and
/// collecting every problem instead of stopping at the first.
struct YAMLReader {
    let path: String
    private(set) var issues: [ShapeIssue] = []

    init(path: String) {
        self.path = path
    }

    /// Parses text into a node tree. Returns the root, or a syntax problem with its location.
    static func compose(data: Data, path: String) -> Result<Node, ShapeIssue> {
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ShapeIssue(
                location: SourceLocation(path: path, line: 0),
                problem: .syntax("the file is not UTF-8 text"), severity: .error))
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                return .failure(ShapeIssue(location: SourceLocation(path: path, line: 0), problem: .emptyFile, severity: .error))
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(Self.describe(error, path: path))
        } catch {
            return .failure(ShapeIssue(
                location: SourceLocation(path: path, line: 0), problem: .syntax("\(error)"), severity: .error))
        }
    }

    private static func describe(_ error: YamlError, path: String) -> ShapeIssue {
        func issue(_ mark: Mark?, _ text: String) -> ShapeIssue {
            ShapeIssue(
                location: SourceLocation(path: path, line: mark?.line ?? 0, column: mark?.column ?? 0),
                problem: .syntax(text), severity: .error)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return issue(mark, text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return issue(context.mark, "the key \(keys) appears twice in the same mapping")
        case .reader(let problem, _, _, _):
            return issue(nil, problem)
        default:
            return issue(nil, "\(error)")
        }
    }

    // MARK: Locations

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(path: path, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    func location(of field: YAMLField) -> SourceLocation {
        SourceLocation(path: path, line: field.keyLine, column: field.keyColumn)
    }

    mutating func report(_ problem: YAMLShapeProblem, at location: SourceLocation, severity: Severity = .error) {
        issues.append(ShapeIssue(location: location, problem: problem, severity: severity))
    }

    // MARK: Structure

    /// The fields of a mapping in file order, or nil (and a problem) if the node is not a mapping.
    mutating func mapping(_ node: Node, what: String) -> [YAMLField]? {
        guard case .mapping(let mapping) = node else {
            report(.notAMapping(what: what), at: location(of: node))
            return nil
        }
        var fields: [YAMLField] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.notAScalar(what: "a key in \(what)"), at: location(of: key))
                continue
            }
            fields.append(YAMLField(
                key: scalar.string, keyLine: scalar.mark?.line ?? 0, keyColumn: scalar.mark?.column ?? 0, value: value))
        }
        return fields
    }

    /// A mapping's fields by key, checking required keys (error) and unknown keys (warning).
    mutating func fields(
        _ node: Node, what: String, required: [String] = [], optional: [String] = []
    ) -> [String: YAMLField]? {
        guard let list = mapping(node, what: what) else { return nil }
        var byKey: [String: YAMLField] = [:]
        let known = Set(required).union(optional)
        for field in list {
            if known.contains(field.key) {
                byKey[field.key] = field
            } else {
                report(.unknownKey(field.key, in: what), at: location(of: field), severity: .warning)
            }
        }
        for key in required where byKey[key] == nil || isNull(byKey[key]!.value) {
            if let field = byKey[key] {
                report(.emptyValue(key: key, in: what), at: location(of: field))
            } else {
                report(.missingKey(key, in: what), at: location(of: node))
            }
        }
        return byKey
    }

    /// The items of a list; a missing or null value is an empty list.
    mutating func list(_ field: YAMLField?, what: String) -> [Node] {
        guard let field else { return [] }
        if isNull(field.value) { return [] }
        guard case .sequence(let sequence) = field.value else {
            report(.notAList(what: what), at: location(of: field.value))
            return []
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Text of a scalar node, trimmed; nil (and a problem) for a list or mapping; nil for null.
    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.notAScalar(what: what), at: location(of: node))
            return nil
        }
        if isNull(node) { return nil }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Text of an optional field; nil when absent or null.
    mutating func string(_ field: YAMLField?, what: String) -> String? {
        guard let field else { return nil }
        return string(field.value, what: what)
    }

    /// Text of a required field: reports an empty value; the missing key itself is reported by `fields`.
    mutating func requiredString(_ field: YAMLField?, key: String, in what: String) -> String {
        guard let field else { return "" }
        let text = string(field.value, what: "`\(key)` in \(what)") ?? ""
        if text.isEmpty && !isNull(field.value) {
            report(.emptyValue(key: key, in: what), at: location(of: field))
        }
        return text
    }

    /// A list of texts; a single scalar counts as a list of one.
    mutating func strings(_ field: YAMLField?, what: String) -> [String] {
        guard let field else { return [] }
        if isNull(field.value) { return [] }
        if case .scalar = field.value {
            return string(field.value, what: what).map { [$0] } ?? []
        }
        return list(field, what: what).compactMap { string($0, what: "an entry of \(what)") }
    }

    /// A whole number, or nil (and a problem).
    mutating func int(_ node: Node, what: String) -> Int? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            report(.notAnInteger(text, what: what), at: location(of: node))
            return nil
        }
        return value
    }

    /// A number, or nil (and a problem).
    mutating func double(_ node: Node, what: String) -> Double? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            report(.notANumber(text, what: what), at: location(of: node))
            return nil
        }
        return value
    }
}
