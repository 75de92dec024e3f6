import Foundation
import GRDB

/// A person who codes or adjudicates.
public struct CoderRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "coder"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Role: String, Codable, Sendable, CaseIterable {
        case coder, adjudicator
    }

    public var handle: String
    public var name: String
    public var role: Role
    public var createdAt: Date
}

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

    public var isOpen: Bool { status == "open" }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// How a round's units were drawn, for the reliability report.
public struct SampleDescription: Codable, Sendable, Equatable {
    public var method: String
    public var caseIds: [String]
    public var query: String?
    public var documentIds: [Int64]?
    public var population: Int
    public var fraction: Double?
    public var seed: UInt64?
    public var units: Int
    public var coders: [String]

    /// The description of this sample and a later assignment to the same round, taken together.
    func merged(with other: SampleDescription) -> SampleDescription {
        var m = self
        if other.method != method && !method.contains(other.method) { m.method = "\(method); \(other.method)" }
        m.caseIds = Array(Set(caseIds + other.caseIds)).sorted()
        if other.query != nil && other.query != query { m.query = [query, other.query].compactMap { $0 }.joined(separator: "; ") }
        if let d = other.documentIds { m.documentIds = (documentIds ?? []) + d }
        m.population += other.population
        m.units += other.units
        if fraction != other.fraction { m.fraction = nil }
        if seed != other.seed { m.seed = nil }
        m.coders = Array(Set(coders + other.coders)).sorted()
        return m
    }
}

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
