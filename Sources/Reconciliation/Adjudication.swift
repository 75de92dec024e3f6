import Codebook
import Foundation

/// An adjudicator's decision on one criterion in one unit, settling what coders disagreed on (or
/// overriding what they agreed on). It changes the classification of a case, never the reliability
/// figures, which describe the coders' independent codings.
public struct Adjudication: Sendable, Hashable, Codable {
    /// The unit decided on.
    public var unit: UnitKey
    /// The criterion id decided on.
    public var criterion: String
    /// The decision: the passage is evidence on the criterion in the unit, or not.
    public var present: Bool
    /// When present: which way the evidence points (supports unless decided otherwise).
    public var direction: EvidenceDirection
    /// Why, in the adjudicator's words; quoted in the evidence trail.
    public var rationale: String
    /// Who decided.
    public var adjudicator: String
    /// When; the latest decision per unit and criterion stands.
    public var decidedAt: Date

    public init(unit: UnitKey, criterion: String, present: Bool, rationale: String, adjudicator: String, decidedAt: Date,
                direction: EvidenceDirection = .supports) {
        self.unit = unit
        self.criterion = criterion
        self.present = present
        self.direction = direction
        self.rationale = rationale
        self.adjudicator = adjudicator
        self.decidedAt = decidedAt
    }

    /// The decided value: supports, contradicts or no tag.
    public var value: EvidenceValue { present ? EvidenceValue(direction) : .untagged }

    /// The decision in force per unit and criterion: the latest, when one was revisited.
    static func latest(_ all: [Adjudication]) -> [Target: Adjudication] {
        var out: [Target: Adjudication] = [:]
        for a in all {
            let key = Target(unit: a.unit, criterion: a.criterion)
            if let old = out[key], old.decidedAt > a.decidedAt { continue }
            out[key] = a
        }
        return out
    }

    struct Target: Hashable {
        var unit: UnitKey
        var criterion: String
    }
}
