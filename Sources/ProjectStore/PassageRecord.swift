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

    /// Decoded by column name rather than through Codable: listing a volume's passages
    /// decodes hundreds of thousands of rows, and keyed decoding with snake_case conversion
    /// dominated `documents --text`.
    public init(row: Row) throws {
        id = row["id"]
        documentId = row["document_id"]
        ordinal = row["ordinal"]
        kind = row["kind"]
        text = row["text"]
        // Stored empty when equal to `text` (see ArchiveImporter), which most passages are.
        let raw: String = row["raw_text"]
        rawText = raw.isEmpty ? text : raw
        startOffset = row["start_offset"]
        endOffset = row["end_offset"]
        page = row["page"]
        anchor = row["anchor"]
        annotatesId = row["annotates_id"]
        noteNumber = row["note_number"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
