import Foundation
import GRDB

/// A citable unit of a document. Offsets are Unicode scalars into the document's plain text
/// (passage texts joined by a blank line), 0-based, end exclusive, as in REFI-QDA.
public struct PassageRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "passage"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    static let document = belongsTo(DocumentRecord.self)

    public var id: Int64?
    public var documentId: Int64
    public var ordinal: Int
    public var kind: String
    public var text: String
    public var rawText: String
    public var startOffset: Int
    public var endOffset: Int
    public var page: String?
    public var anchor: String
    public var annotatesId: Int64?
    public var noteNumber: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
