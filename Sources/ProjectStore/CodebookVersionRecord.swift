import Codebook
import Foundation
import GRDB

/// One loaded version of a codebook: the YAML as written and its parsed definition.
public struct CodebookVersionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "codebook_version"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var codebookId: String
    public var revision: Int
    public var version: String
    public var title: String
    public var contentHash: String
    public var sourcePath: String
    public var yaml: String
    public var definition: Codebook
    public var loadedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// `buying-allies 1.0.0 (r1)`: how commands name a version.
    public var label: String { "\(codebookId) \(version) (r\(revision))" }
}
