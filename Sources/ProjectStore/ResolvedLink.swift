import GRDB

/// A person or term link in a passage, with the name or expansion from the volume's lists.
public struct ResolvedLink: Codable, Sendable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var passageId: Int64
    public var kind: String
    public var ref: String
    public var surface: String
    public var label: String?
    public var description: String?
}
