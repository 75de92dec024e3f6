import Foundation
import GRDB

/// An entry of a FRUS volume's persons or terms list, so `persName/@corresp` resolves to a name.
public struct GlossaryRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "glossary_entry"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var volumeId: String
    public var kind: String
    public var ref: String
    public var label: String
    public var description: String
}
