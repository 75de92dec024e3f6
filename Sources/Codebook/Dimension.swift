/// One axis of a codebook (recipient type, payments): its categories, the criteria their rules
/// use, and the structured attributes a coding under it may carry.
public struct Dimension: Sendable, Hashable, Codable, Identifiable {
    /// Stable id (`recipient_type`).
    public var id: String
    public var label: String
    public var description: String?
    public var categories: [Category]
    public var criteria: [Criterion]
    /// Structured values a coding under this dimension may carry (amount, currency, ...).
    public var attributes: [AttributeDefinition]

    public init(
        id: String, label: String, description: String? = nil,
        categories: [Category] = [], criteria: [Criterion] = [], attributes: [AttributeDefinition] = []
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.categories = categories
        self.criteria = criteria
        self.attributes = attributes
    }
}
