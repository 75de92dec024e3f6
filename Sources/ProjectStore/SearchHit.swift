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
}
