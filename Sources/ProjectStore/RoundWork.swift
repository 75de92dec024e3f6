import Codebook
import Foundation
import GRDB

/// A round's work as a viewer may see it, with what it points at: the codings, unit notes and
/// finished units, the coders behind them, the documents and passages coded or assigned, the cases
/// and the codebook. This is what exports to other tools carry; it goes through ``AccessPolicy``
/// like every other view, so in an open blind round a coder gets only their own work.
public struct RoundWork: Sendable {
    public var round: RoundRecord
    public var codebook: CodebookVersionRecord
    /// Current (not retracted) codings, by passage, case, coder, id.
    public var codings: [CodingRecord]
    /// Current unit notes, by passage, case, coder, id.
    public var unitNotes: [UnitNoteRecord]
    /// Finished units per coder.
    public var doneUnits: [(coder: String, unit: CodingUnit)]
    /// Coders whose work is included (and only they), by handle.
    public var coders: [CoderRecord]
    /// Documents holding a passage that is assigned or coded in the visible work, by id.
    public var documents: [DocumentRecord]
    /// Every passage of those documents, by document and reading order.
    public var passages: [PassageRecord]
    /// The cases of the visible units, with their operations where the register has them.
    public var cases: [CoalitionCase]
    public var operations: [MilitaryOperation]
    /// The recipients of those cases.
    public var actors: [Actor]
    /// Set when the work is only this coder's own (an open blind round).
    public var onlyCoder: String?

    /// Reads a round as `viewer` may see it. Without a viewer an open blind round is refused.
    public static func load(_ database: ProjectDatabase, round name: String, as viewer: Viewer = .anonymous) throws -> RoundWork {
        let register = try RegisterStore(database: database).register()
        return try database.writer.read { db in
            let round = try RoundStore.round(name, db)
            var only: String?
            if case .onlyOwn(let handle) = try AccessPolicy.scope(of: round, for: viewer, db) { only = handle }
            let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
            var codingRequest = CodingRecord.filter(Column("round_id") == round.id! && Column("retracted_at") == nil)
            var noteRequest = UnitNoteRecord.filter(Column("round_id") == round.id! && Column("retracted_at") == nil)
            if let only {
                codingRequest = codingRequest.filter(Column("coder") == only)
                noteRequest = noteRequest.filter(Column("coder") == only)
            }
            let codings = try codingRequest.order(Column("passage_id"), Column("case_id"), Column("coder"), Column("id")).fetchAll(db)
            let notes = try noteRequest.order(Column("passage_id"), Column("case_id"), Column("coder"), Column("id")).fetchAll(db)
            let done = try Row.fetchAll(db, sql: """
                SELECT coder, passage_id, case_id FROM unit_done WHERE round_id = ?1 AND (?2 IS NULL OR coder = ?2)
                ORDER BY passage_id, case_id, coder
                """, arguments: [round.id, only]).map { (coder: $0["coder"] as String, unit: CodingUnit(passageId: $0["passage_id"], caseId: $0["case_id"])) }
            let assigned = try Row.fetchAll(db, sql: """
                SELECT DISTINCT coder, passage_id, case_id FROM assignment WHERE round_id = ?1 AND (?2 IS NULL OR coder = ?2)
                """, arguments: [round.id, only]).map { (coder: $0["coder"] as String, passage: $0["passage_id"] as Int64, caseId: $0["case_id"] as String) }
            let handles = Set(codings.map(\.coder) + notes.map(\.coder) + done.map(\.coder) + assigned.map(\.coder))
            let coders = try CoderRecord.filter(handles.sorted().contains(Column("handle"))).order(Column("handle")).fetchAll(db)
            let passageIds = Set(codings.map(\.passageId) + notes.map(\.passageId) + done.map(\.unit.passageId) + assigned.map(\.passage))
            let documentIds = try Int64.fetchSet(db, sql: passageIds.isEmpty ? "SELECT NULL WHERE 0" : """
                SELECT DISTINCT document_id FROM passage WHERE id IN (\(passageIds.map(String.init).joined(separator: ",")))
                """)
            let documents = try DocumentRecord.filter(documentIds.sorted().contains(Column("id"))).order(Column("id")).fetchAll(db)
            let passages = try PassageRecord.filter(documentIds.sorted().contains(Column("document_id")))
                .order(Column("document_id"), Column("ordinal")).fetchAll(db)
            let caseIds = Set(codings.map(\.caseId) + notes.map(\.caseId) + done.map(\.unit.caseId) + assigned.map(\.caseId))
            let cases = register.cases.filter { caseIds.contains($0.id) }.sorted { $0.id < $1.id }
            let operationIds = Set(cases.map(\.operation))
            let operations = register.operations.filter { operationIds.contains($0.id) }.sorted { $0.id < $1.id }
            return RoundWork(round: round, codebook: codebook, codings: codings, unitNotes: notes, doneUnits: done,
                             coders: coders, documents: documents, passages: passages, cases: cases,
                             operations: operations,
                             actors: register.actors.filter { a in cases.contains { $0.recipient == a.id } }.sorted { $0.id < $1.id },
                             onlyCoder: only)
        }
    }
}
