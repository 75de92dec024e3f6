import Foundation
import GRDB

/// One full-text hit: the passage, where it is, and a snippet with the matches marked.
public struct SearchHit: Codable, Sendable, FetchableRecord {
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public var passageId: Int64
    public var documentId: Int64
    public var kind: String
    public var page: String?
    public var anchor: String
    /// For body passages: the paragraph number within the document (1-based, body passages only).
    public var paragraph: Int?
    /// For footnotes: the printed note number.
    public var noteNumber: String?
    /// True for editorial material (source note, editors' footnote, editorial note).
    public var editorial: Bool
    public var title: String?
    public var docType: String?
    public var dateMin: String?
    public var volumeId: String?
    public var docNumber: String?
    public var classification: String?
    /// The matching text around the hits, with each hit between `highlightOpen` and `highlightClose`.
    public var snippet: String
    /// bm25 rank: lower is better (SQLite's convention).
    public var rank: Double

    /// A readable place in the document: `para. 3`, `n. 2`, `source note`, `heading`.
    public var locator: String {
        PassageLocator.locator(kind: kind, paragraph: paragraph, noteNumber: noteNumber)
    }

    /// `source note (editorial)`, `editors' footnote 2`, `editorial note`, or nil for archival text.
    public var editorialLabel: String? {
        editorial ? (Editorial.label(kind: kind, docType: docType, noteNumber: noteNumber) ?? "editorial") : nil
    }
}
