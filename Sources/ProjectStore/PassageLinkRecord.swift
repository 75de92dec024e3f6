import Foundation
import GRDB

/// A link from a passage to a FRUS persons or terms list entry (`persName/@corresp`, `gloss/@target`).
public struct PassageLinkRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "passage_link"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var passageId: Int64
    public var kind: String
    public var ref: String
    public var surface: String
}
