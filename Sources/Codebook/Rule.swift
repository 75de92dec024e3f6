/// A decision rule: a small boolean expression over criterion ids (and other categories) that
/// says when a case belongs to a category.
///
/// In YAML (and in its `Codable` form, so JSON looks the same):
/// ```yaml
/// rule:
///   all:
///     - WIR.volunteered                       # a criterion, by id
///     - not: OPP.withdrawal_threat            # negation
///     - any: [WIR.public_interest, WIR.link]  # at least one
///     - at_least: 2                           # N of a list
///       of: [CRC.recruited, CRC.crucial, CRC.limited_interest]
///     - category: CRC                         # another category's rule
/// ```
public indirect enum Rule: Sendable, Hashable, Codable {
    /// Holds when the criterion is established.
    case criterion(String)
    /// Holds when the case is a member of this other category (of any dimension).
    case category(String)
    /// Holds when every part holds.
    case all([Rule])
    /// Holds when at least one part holds.
    case any([Rule])
    /// Holds when at least `n` of the parts hold.
    case atLeast(Int, of: [Rule])
    /// Holds when the part does not hold.
    case not(Rule)

    /// Every criterion id the rule mentions, in order of first appearance (not following category references).
    public var criterionIDs: [String] {
        var seen: [String] = []
        walk { if case .criterion(let id) = $0, !seen.contains(id) { seen.append(id) } }
        return seen
    }

    /// Every category id the rule refers to, in order of first appearance.
    public var categoryIDs: [String] {
        var seen: [String] = []
        walk { if case .category(let id) = $0, !seen.contains(id) { seen.append(id) } }
        return seen
    }

    /// The rule in one line, for explanations: `all(WIR.interest, any(WIR.volunteered, WIR.link))`.
    public var text: String {
        switch self {
        case .criterion(let id): id
        case .category(let id): "category \(id)"
        case .all(let parts): "all(\(parts.map(\.text).joined(separator: ", ")))"
        case .any(let parts): "any(\(parts.map(\.text).joined(separator: ", ")))"
        case .atLeast(let n, let parts): "at least \(n) of (\(parts.map(\.text).joined(separator: ", ")))"
        case .not(let part): "not \(part.text)"
        }
    }

    private func walk(_ visit: (Rule) -> Void) {
        visit(self)
        switch self {
        case .criterion, .category: break
        case .all(let parts), .any(let parts), .atLeast(_, let parts): parts.forEach { $0.walk(visit) }
        case .not(let part): part.walk(visit)
        }
    }

    // MARK: Codable, in the YAML shape

    private enum Key: String, CodingKey {
        case category, all, any, not
        case atLeast = "at_least"
        case of
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let id = try? single.decode(String.self) {
            self = .criterion(id)
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        if let id = try container.decodeIfPresent(String.self, forKey: .category) {
            self = .category(id)
        } else if let parts = try container.decodeIfPresent([Rule].self, forKey: .all) {
            self = .all(parts)
        } else if let parts = try container.decodeIfPresent([Rule].self, forKey: .any) {
            self = .any(parts)
        } else if let part = try container.decodeIfPresent(Rule.self, forKey: .not) {
            self = .not(part)
        } else if let n = try container.decodeIfPresent(Int.self, forKey: .atLeast) {
            self = .atLeast(n, of: try container.decode([Rule].self, forKey: .of))
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a rule is a criterion id or one of category, all, any, not, at_least"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .criterion(let id):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .category(let id):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(id, forKey: .category)
        case .all(let parts):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(parts, forKey: .all)
        case .any(let parts):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(parts, forKey: .any)
        case .not(let part):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(part, forKey: .not)
        case .atLeast(let n, let parts):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(n, forKey: .atLeast)
            try container.encode(parts, forKey: .of)
        }
    }
}
