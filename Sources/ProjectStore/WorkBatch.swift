import Foundation
import GRDB

/// Work brought in from elsewhere (another tool's project), written in one transaction: new coders,
/// codings, notes on units and finished units. All or nothing: every problem is collected with the
/// place it came from, and nothing is written unless there are none. Codings and notes already in
/// the project are skipped, so importing the same file again adds nothing.
public struct WorkBatch: Sendable {
    /// A coder to add unless the handle exists.
    public struct NewCoder: Sendable { public var handle: String, name: String
        public init(handle: String, name: String) { self.handle = handle; self.name = name } }
    /// A coding with where it came from in the source file (for messages).
    public struct Item: Sendable { public var coding: CodingStore.NewCoding, place: String
        public init(_ coding: CodingStore.NewCoding, place: String) { self.coding = coding; self.place = place } }
    public struct UnitNote: Sendable { public var coder: String, round: String, unit: CodingUnit, note: String, place: String
        public init(coder: String, round: String, unit: CodingUnit, note: String, place: String) {
            self.coder = coder; self.round = round; self.unit = unit; self.note = note; self.place = place } }
    public struct Done: Sendable { public var coder: String, round: String, unit: CodingUnit, place: String
        public init(coder: String, round: String, unit: CodingUnit, place: String) {
            self.coder = coder; self.round = round; self.unit = unit; self.place = place } }

    public var coders: [NewCoder] = []
    public var codings: [Item] = []
    public var unitNotes: [UnitNote] = []
    public var done: [Done] = []
    /// `refi:FILE`: stored as each coding's origin.
    public var origin: String

    public init(origin: String) { self.origin = origin }

    public struct Result: Sendable, Equatable {
        public var codersAdded = 0, added = 0, skipped = 0, notesAdded = 0, unitsDone = 0
        public init() {}
    }

    /// Refuses early, before any file is read, when `viewer` may not import work (see ``write(to:as:)``).
    public static func checkAllowed(_ store: CodingStore, as viewer: Viewer) throws {
        try store.database.writer.read { db in _ = try AccessPolicy.requireManager(viewer, to: "import other people's codings", db) }
    }

    /// Writes the batch as `viewer`, who must be allowed to manage the project (a lead or
    /// adjudicator once the project has a lead): it records work in other people's names.
    public func write(to store: CodingStore, as viewer: Viewer) throws -> Result {
        try store.database.writer.write { db in
            try AccessPolicy.requireManager(viewer, to: "import other people's codings", db)
            var result = Result()
            var problems: [String] = []
            for c in coders {
                if try CoderRecord.fetchOne(db, key: c.handle) != nil { continue }
                try CoderRecord(handle: c.handle, name: c.name, role: .coder, createdAt: Date()).insert(db)
                try AuditLog.record(db, who: viewer.handle ?? c.handle, action: "coder.add", entity: "coder", id: c.handle,
                                    detail: ["origin": origin, "name": c.name])
                result.codersAdded += 1
            }
            for item in codings {
                var coding = item.coding
                coding.origin = origin
                do {
                    _ = try store.add(coding, db)
                    result.added += 1
                } catch CodingError.duplicate {
                    result.skipped += 1
                } catch {
                    problems.append("\(item.place): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                }
            }
            for n in unitNotes {
                do {
                    let context = try store.validate(coder: n.coder, round: n.round, unit: n.unit, db)
                    let exists = try UnitNoteRecord.filter(Column("round_id") == context.round.id! && Column("coder") == n.coder
                                                           && Column("passage_id") == n.unit.passageId && Column("case_id") == n.unit.caseId
                                                           && Column("note") == n.note && Column("retracted_at") == nil).fetchCount(db) > 0
                    if exists { continue }
                    var record = UnitNoteRecord(id: nil, roundId: context.round.id!, coder: n.coder, passageId: n.unit.passageId,
                                                caseId: n.unit.caseId, note: n.note, createdAt: Date(), retractedAt: nil)
                    try record.insert(db)
                    try AuditLog.record(db, who: n.coder, action: "unit.note", entity: "unit_note", id: "\(record.id!)",
                                        roundId: record.roundId, detail: record)
                    result.notesAdded += 1
                } catch {
                    problems.append("\(n.place): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                }
            }
            if problems.isEmpty {
                for d in done {
                    do {
                        if try store.markDone(coder: d.coder, round: d.round, unit: d.unit, origin: origin, db) { result.unitsDone += 1 }
                    } catch {
                        problems.append("\(d.place): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                    }
                }
            }
            if !problems.isEmpty { throw CodingImportError(problems: problems) }
            return result
        }
    }
}
