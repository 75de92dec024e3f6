import Foundation
import GRDB

/// Everything the coding screen shows about one unit, read in one transaction: the passage and its
/// neighbours, the document's provenance, the case, and the coder's own codings and notes.
public struct UnitView: Sendable {
    /// 0-based position in the coder's queue.
    public var position: Int
    public var total: Int
    /// Units the coder has finished.
    public var done: Int
    /// Whether this unit is finished.
    public var isDone: Bool
    public var unit: CodingUnit
    /// `South Korea in Vietnam` (recipient in operation), when the case is in the register.
    public var caseLabel: String?
    public var document: DocumentRecord
    public var passage: PassageRecord
    /// Passages of the same document before and after this one, nearest last and first.
    public var before: [PassageRecord]
    public var after: [PassageRecord]
    /// Editors' footnotes on this passage (FRUS `note` elements that annotate it).
    public var footnotes: [PassageRecord]
    /// The coder's own active codings on this unit (never another coder's: sessions are blind).
    public var codings: [CodingRecord]
    public var unitNotes: [UnitNoteRecord]
    public var citation: Citation

    /// How many passages on each side are read for scrolling.
    public static let neighbourhood = 6

    static func load(store: CodingStore, round: RoundRecord, coder: String, unit: CodingUnit,
                     position: Int, total: Int, done: Int, isDone: Bool) throws -> UnitView {
        try store.database.writer.read { db in
            guard let passage = try PassageRecord.fetchOne(db, key: unit.passageId),
                  let document = try DocumentRecord.fetchOne(db, key: passage.documentId) else {
                throw CodingError.unknownPassage(unit.passageId)
            }
            let nearby = try PassageRecord
                .filter(Column("document_id") == passage.documentId)
                .filter(Column("ordinal") >= passage.ordinal - neighbourhood && Column("ordinal") <= passage.ordinal + neighbourhood)
                .order(Column("ordinal")).fetchAll(db)
            let footnotes = try PassageRecord.filter(Column("annotates_id") == unit.passageId).order(Column("ordinal")).fetchAll(db)
            let label = try Row.fetchOne(db, sql: """
                SELECT a.name AS recipient, o.name AS operation FROM coalition_case c
                JOIN actor a ON a.id = c.recipient_id JOIN operation o ON o.id = c.operation_id WHERE c.id = ?
                """, arguments: [unit.caseId]).map { "\($0["recipient"] as String? ?? "") in \($0["operation"] as String? ?? "")" }
            // The same gate as every listing: the session reads only the coder's own work, as them.
            try AccessPolicy.requireWork(of: coder, in: round, for: Viewer(coder), db)
            let codings = try CodingRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder)
                .filter(Column("passage_id") == unit.passageId && Column("case_id") == unit.caseId)
                .filter(Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
            let notes = try UnitNoteRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder)
                .filter(Column("passage_id") == unit.passageId && Column("case_id") == unit.caseId)
                .filter(Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
            let footnoteIds = Set(footnotes.compactMap(\.id))
            return UnitView(position: position, total: total, done: done, isDone: isDone, unit: unit, caseLabel: label,
                            document: document, passage: passage,
                            before: nearby.filter { $0.ordinal < passage.ordinal },
                            after: nearby.filter { $0.ordinal > passage.ordinal && !footnoteIds.contains($0.id!) },
                            footnotes: footnotes, codings: codings, unitNotes: notes,
                            citation: Citation(document: document, passage: passage))
        }
    }
}

extension PassageRecord {
    /// Material written by the edition's editors, not by the archive's authors: footnotes, source
    /// notes, and the passages of FRUS editorial notes. It is context, rarely evidence.
    public func editorialLabel(in document: DocumentRecord) -> String? {
        switch kind {
        case "footnote": return "editors' footnote" + (noteNumber.map { " \($0)" } ?? "")
        case "source_note": return "source note"
        default:
            let type = (document.docType ?? "").lowercased()
            let title = (document.title ?? "").lowercased()
            if type.contains("editorial") || title.contains("editorial note") { return "editorial note" }
            return nil
        }
    }
}
