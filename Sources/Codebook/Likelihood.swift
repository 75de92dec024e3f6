/// How likely the evidence a criterion describes is to be found if a case is, and if it is not,
/// a member of a category: `P(E | member)` and `P(E | not member)`. Reserved for weighting
/// evidence later; validated now (probabilities in [0, 1], known categories).
public struct Likelihood: Sendable, Hashable, Codable {
    /// `P(evidence | member)`, in YAML `if_member`.
    public var ifMember: Double
    /// `P(evidence | not member)`, in YAML `if_not_member`.
    public var ifNotMember: Double

    public init(ifMember: Double, ifNotMember: Double) {
        self.ifMember = ifMember
        self.ifNotMember = ifNotMember
    }

    /// `ifMember / ifNotMember`, infinite when the evidence is impossible outside the category.
    public var ratio: Double {
        ifNotMember == 0 ? (ifMember == 0 ? 1 : .infinity) : ifMember / ifNotMember
    }

    enum CodingKeys: String, CodingKey {
        case ifMember = "if_member"
        case ifNotMember = "if_not_member"
    }
}
