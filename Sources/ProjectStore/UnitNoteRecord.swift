import Foundation
import GRDB

/// A coder's note on a unit as a whole, not on any one tag: what they typed before deciding that
/// no criterion applies, or a note left over when they finished the unit without tagging again.
public struct UnitNoteRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "unit_note"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var roundId: Int64
    public var coder: String
    public var passageId: Int64
    public var caseId: String
    public var note: String
    public var createdAt: Date
    public var retractedAt: Date?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CodingStore {
    /// Keeps a note on a unit; checked and logged like a coding.
    @discardableResult
    public func addUnitNote(coder: String, round: String, unit: CodingUnit, note: String) throws -> UnitNoteRecord {
        try database.writer.write { db in
            let context = try validate(coder: coder, round: round, unit: unit, db)
            var record = UnitNoteRecord(id: nil, roundId: context.round.id!, coder: coder, passageId: unit.passageId,
                                        caseId: unit.caseId, note: note, createdAt: Date(), retractedAt: nil)
            try record.insert(db)
            try AuditLog.record(db, who: coder, action: "unit.note", entity: "unit_note", id: "\(record.id!)",
                                roundId: record.roundId, detail: record)
            return record
        }
    }

    /// Withdraws a unit note (an undo in a session); the row stays, stamped, and the log keeps it.
    public func retractUnitNote(id: Int64, by coder: String) throws {
        try database.writer.write { db in
            guard var record = try UnitNoteRecord.fetchOne(db, key: id), record.coder == coder else {
                throw CodingError.invalid("no note \(id) of \(coder) to withdraw.")
            }
            let round = try RoundRecord.fetchOne(db, key: record.roundId)!
            guard round.isOpen else { throw CodingError.roundClosed(round.name) }
            let previous = record
            record.retractedAt = Date()
            try record.update(db)
            try AuditLog.record(db, who: coder, action: "unit.note.retract", entity: "unit_note", id: "\(id)",
                                roundId: record.roundId, detail: record, previous: previous)
        }
    }

    /// A coder's own notes on one unit, oldest first. Only the coder's own: the session is blind.
    public func unitNotes(round name: String, coder: String, unit: CodingUnit) throws -> [UnitNoteRecord] {
        try database.writer.read { db in
            let round = try self.round(name, db)
            return try UnitNoteRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder)
                .filter(Column("passage_id") == unit.passageId && Column("case_id") == unit.caseId)
                .filter(Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
        }
    }
}
