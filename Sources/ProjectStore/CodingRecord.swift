import Codebook
import Foundation
import GRDB

/// One evidence tag: a coder says a passage is evidence for a criterion for a case.
public struct CodingRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "coding"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var roundId: Int64
    public var coder: String
    public var passageId: Int64
    public var caseId: String
    public var criterionId: String
    /// Evidence for the criterion (`supports`) or against it (`contradicts`).
    public var direction: EvidenceDirection
    public var spanStart: Int?
    public var spanEnd: Int?
    public var quote: String?
    public var note: String?
    public var test: String?
    public var attributes: [String: String]
    public var createdAt: Date
    public var retractedAt: Date?
    public var retractionReason: String?
    /// `cli`, `session`, `csv:FILE`, `packet:FILE`: where the coding came from.
    public var origin: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension EvidenceDirection: DatabaseValueConvertible {}
