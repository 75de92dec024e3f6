import Foundation
import GRDB

/// A coding round, pinned to one codebook version. Reliability rounds are blind.
public struct RoundRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "coding_round"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Purpose: String, Codable, Sendable, CaseIterable {
        case training, pilot, reliability, production
    }

    public var id: Int64?
    public var name: String
    public var purpose: Purpose
    public var codebookVersionId: Int64
    public var blind: Bool
    public var status: String
    public var sample: SampleDescription?
    public var createdAt: Date
    public var closedAt: Date?
    /// What the round codes, set by its first assigned or coded unit: `case` (recipient cases) or
    /// `operation_actor` (pivotal states, `OPERATION@ACTOR`). Nil until then (and for rounds
    /// created before the `i10-round-subject` migration).
    public var subject: String?

    public var isOpen: Bool { status == "open" }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
