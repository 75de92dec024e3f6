/// Which way a coded passage points: evidence that a criterion holds, or that it does not.
public enum EvidenceDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The passage is evidence that the criterion holds (the default).
    case supports
    /// The passage is evidence that the criterion does not hold.
    case contradicts

    /// Reads `supports`, `for`, `+`, `contradicts`, `against`, `-` (case-insensitive); nil otherwise.
    public init?(text: String) {
        switch text.lowercased() {
        case "supports", "support", "for", "+": self = .supports
        case "contradicts", "contradict", "against", "-": self = .contradicts
        default: return nil
        }
    }
}

/// One coder's value for a criterion in a unit they finished: the three nominal values that
/// unit-level reliability compares.
public enum EvidenceValue: String, Sendable, Hashable, Codable, CaseIterable {
    /// The coder did not tag the criterion in the unit.
    case untagged = "no tag"
    case supports
    case contradicts

    public init(_ direction: EvidenceDirection?) {
        switch direction {
        case nil: self = .untagged
        case .supports?: self = .supports
        case .contradicts?: self = .contradicts
        }
    }

    /// The direction of a tag; nil for no tag.
    public var direction: EvidenceDirection? {
        switch self {
        case .untagged: nil
        case .supports: .supports
        case .contradicts: .contradicts
        }
    }
}
