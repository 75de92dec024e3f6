/// A problem with the shape of a YAML file, before its meaning is looked at:
/// a value of the wrong kind, a missing or unknown key, a syntax error.
public enum YAMLShapeProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file is not valid YAML (or not UTF-8). The text is the parser's own explanation.
    case syntax(String)
    /// The file is empty or holds only comments.
    case emptyFile
    /// A value should be a mapping (`key: value` lines) but is something else.
    case notAMapping(what: String)
    /// A value should be a list but is something else.
    case notAList(what: String)
    /// A value should be a single value (text or number) but is a list or mapping.
    case notAScalar(what: String)
    /// A key every entry of this kind needs is missing.
    case missingKey(String, in: String)
    /// A key the format does not know; it is ignored (a warning, usually a typo).
    case unknownKey(String, in: String)
    /// A key is present but its value is empty.
    case emptyValue(key: String, in: String)
    /// A value should be a whole number.
    case notAnInteger(String, what: String)
    /// A value should be a number.
    case notANumber(String, what: String)

    public var description: String {
        switch self {
        case .syntax(let text): "the file is not valid YAML: \(text)"
        case .emptyFile: "the file is empty"
        case .notAMapping(let what): "\(what) should be a set of `key: value` lines"
        case .notAList(let what): "\(what) should be a list (lines starting with `- ` or `[a, b]`)"
        case .notAScalar(let what): "\(what) should be a single value, not a list or a mapping"
        case .missingKey(let key, let what): "\(what) has no `\(key)`, which is required"
        case .unknownKey(let key, let what): "unknown key `\(key)` in \(what) is ignored (a typo?)"
        case .emptyValue(let key, let what): "`\(key)` in \(what) is empty"
        case .notAnInteger(let value, let what): "\(what) should be a whole number, found `\(value)`"
        case .notANumber(let value, let what): "\(what) should be a number, found `\(value)`"
        }
    }
}
