/// A class a case may belong to (a recipient type, a payment scheme), decided by its rule.
///
/// Categories of one dimension may overlap: a case can be both a critical contributor and an
/// opportunist. Category ids are unique across the whole codebook so rules can refer to them.
public struct Category: Sendable, Hashable, Codable, Identifiable {
    /// Stable id (`WIR`).
    public var id: String
    /// Name shown to people (`Willing but inadequately resourced`).
    public var label: String
    /// What the category means, in words.
    public var description: String?
    /// When a case is a member. Computed from the criteria, never set by hand.
    public var rule: Rule
    /// The prior probability that a case is a member, for `dossier weigh` (nil: 1/2, uniform over
    /// member and not member). Strictly between 0 and 1.
    public var prior: Double?

    public init(id: String, label: String, description: String? = nil, rule: Rule, prior: Double? = nil) {
        self.id = id
        self.label = label
        self.description = description
        self.rule = rule
        self.prior = prior
    }
}
