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
    /// What a unit under this dimension is read for: a case (recipient in an operation) or an
    /// actor in an operation (pivotal states).
    public var subject: Subject

    /// The unit's subject a dimension classifies.
    public enum Subject: String, Sendable, Hashable, Codable, CaseIterable {
        /// A recipient state in an operation (`KOREA-1950/COL`): passage × case.
        case coalitionCase = "case"
        /// A state or organisation in an operation (`KFOR-1999@USA`): passage × operation × actor.
        case operationActor = "operation_actor"
    }

    public init(
        id: String, label: String, description: String? = nil,
        categories: [Category] = [], criteria: [Criterion] = [], attributes: [AttributeDefinition] = [],
        subject: Subject = .coalitionCase
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.categories = categories
        self.criteria = criteria
        self.attributes = attributes
        self.subject = subject
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        categories = try c.decodeIfPresent([Category].self, forKey: .categories) ?? []
        criteria = try c.decodeIfPresent([Criterion].self, forKey: .criteria) ?? []
        attributes = try c.decodeIfPresent([AttributeDefinition].self, forKey: .attributes) ?? []
        // Stored definitions from before the field existed classify cases.
        subject = try c.decodeIfPresent(Subject.self, forKey: .subject) ?? .coalitionCase
    }
}

/// What a unit is read for (a case, or an actor in an operation); `Dimension.Subject` under a name
/// that Foundation's `Dimension` does not shadow.
public typealias SubjectKind = Dimension.Subject
