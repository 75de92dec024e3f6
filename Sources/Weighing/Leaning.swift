/// Which way a posterior leans for a binary hypothesis.
public enum Leaning: String, Sendable, Hashable, Codable {
    /// Above one half: the hypothesis is more probable than not.
    case hypothesis
    /// Below one half: its negation is more probable.
    case rival
    /// Exactly one half.
    case even

    public init(posterior: Double) {
        self = posterior > 0.5 ? .hypothesis : (posterior < 0.5 ? .rival : .even)
    }
}
