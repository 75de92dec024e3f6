/// How a criterion's value in one unit was settled.
public enum ResolutionBasis: Sendable, Hashable, Codable {
    /// Every coder who finished the unit gave the same value (one coder counts as all).
    case agreement(coders: [String])
    /// An adjudicator decided; the decision carries the rationale.
    case adjudication(Adjudication)
    /// Coders disagree and nobody has adjudicated yet.
    case open
}
