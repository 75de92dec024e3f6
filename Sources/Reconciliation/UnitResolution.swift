import Codebook

/// One criterion in one unit: what the coders said and what stands.
public struct UnitResolution: Sendable, Hashable, Codable {
    /// The unit.
    public var unit: UnitKey
    /// Per coder who finished the unit: supports, contradicts or no tag.
    public var values: [String: EvidenceValue]
    /// Per coder, their analytic note on the criterion in this unit, where they wrote one.
    public var notes: [String: String]
    /// How the value was settled.
    public var basis: ResolutionBasis

    public init(unit: UnitKey, values: [String: EvidenceValue], notes: [String: String] = [:], basis: ResolutionBasis) {
        self.unit = unit
        self.values = values
        self.notes = notes
        self.basis = basis
    }

    /// The value that stands: the adjudicator's, or the coders' common value; nil while open.
    public var standing: EvidenceValue? {
        switch basis {
        case .adjudication(let a): a.value
        case .agreement: values.values.first
        case .open: nil
        }
    }

    /// Whether the unit is evidence on the criterion (either direction); nil while open.
    public var present: Bool? { standing.map { $0 != .untagged } }
}
