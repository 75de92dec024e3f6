import Codebook
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

extension GlossaryRecord {
    /// What `glossary_entry.folded` holds: label and description in `AliasMatcher.searchForm`.
    static func searchForm(label: String, description: String) -> String {
        AliasMatcher.searchForm(label + " " + description)
    }

    /// Inserts or replaces the entry with its search form.
    func save(withSearchForm db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO glossary_entry (volume_id, kind, ref, label, description, folded) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [volumeId, kind, ref, label, description, Self.searchForm(label: label, description: description)])
    }
}
