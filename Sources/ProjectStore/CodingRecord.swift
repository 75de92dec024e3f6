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

extension CodingRecord {
    /// Decoded by column name rather than through Codable: classify, report and reconcile read
    /// every coding of a round, and keyed decoding with snake_case key conversion was a tenth of
    /// their time at 20k codings.
    public init(row: Row) throws {
        id = row["id"]
        roundId = row["round_id"]
        coder = row["coder"]
        passageId = row["passage_id"]
        caseId = row["case_id"]
        criterionId = row["criterion_id"]
        let direction: String = row["direction"]
        guard let parsed = EvidenceDirection(rawValue: direction) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "coding \(id ?? 0): unknown direction '\(direction)'"))
        }
        self.direction = parsed
        spanStart = row["span_start"]
        spanEnd = row["span_end"]
        quote = row["quote"]
        note = row["note"]
        test = row["test"]
        let attributes: String = row["attributes"]
        self.attributes = attributes == "{}" ? [:] : try JSONDecoder().decode([String: String].self, from: Data(attributes.utf8))
        createdAt = row["created_at"]
        retractedAt = row["retracted_at"]
        retractionReason = row["retraction_reason"]
        origin = row["origin"]
    }
}

extension EvidenceDirection: DatabaseValueConvertible {}

extension CodingRecord {
    /// Writes the record's retraction (`retracted_at`, `retraction_reason`) to its stored row. The
    /// storage table is written directly: `coding` is a view (see ``CodingBatch``), which SQLite
    /// does not update.
    func storeRetraction(_ db: Database) throws {
        try db.execute(sql: "UPDATE coding_store SET retracted_at = ?, retraction_reason = ? WHERE id = ?",
                       arguments: [retractedAt, retractionReason, id])
        guard db.changesCount == 1 else { throw CodingError.invalid("no coding with id \(id ?? 0).") }
    }
}
