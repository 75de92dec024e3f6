import Foundation
import GRDB

/// A person who codes or adjudicates.
public struct CoderRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "coder"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// A coder codes; an adjudicator decides disagreements in closed rounds; a lead manages rounds
    /// (creates, assigns, closes, reopens). Adjudicators and leads may also close rounds.
    public enum Role: String, Codable, Sendable, CaseIterable {
        case coder, adjudicator, lead
    }

    public var handle: String
    public var name: String
    public var role: Role
    public var createdAt: Date
}
