import Foundation
import GRDB

/// One file imported into the project: where it came from, its fingerprint, and what it added.
public struct ImportBatch: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import_batch"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var path: String
    public var sha256: String
    public var size: Int
    public var format: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var documents: Int
    public var newDocuments: Int
    public var newVersions: Int
    public var unchangedDocuments: Int
    public var passages: Int
    public var status: String
    public var error: String?
    public var warnings: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
