import Foundation
import GRDB

/// Where a passage sits in its document, in the words a citation uses: `para. 33` for the 33rd body
/// paragraph, `n. 2` for footnote 2, `source note`, `heading`; never an XPath or an anchor id.
public enum PassageLocator {
    /// The locator for a passage of `kind` that is body paragraph `paragraph` (1-based) or note `noteNumber`.
    public static func locator(kind: String, paragraph: Int?, noteNumber: String?) -> String {
        switch kind {
        case "footnote": return noteNumber.map { "n. \($0)" } ?? "note"
        case "source_note": return "source note"
        case "head": return "heading"
        default: return paragraph.map { "para. \($0)" } ?? "text"
        }
    }

    /// The locator of a stored passage.
    public static func locator(of passage: PassageRecord, in db: Database) throws -> String {
        let paragraph = passage.kind == "body" ? try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM passage WHERE document_id = ? AND kind = 'body' AND ordinal <= ?
            """, arguments: [passage.documentId, passage.ordinal]) : nil
        return locator(kind: passage.kind, paragraph: paragraph, noteNumber: passage.noteNumber)
    }

    /// SQL for the paragraph number of passage `alias` (NULL unless it is a body passage).
    static func paragraphSQL(passage alias: String) -> String {
        """
        CASE WHEN \(alias).kind = 'body' THEN (SELECT COUNT(*) FROM passage q WHERE q.document_id = \(alias).document_id
             AND q.kind = 'body' AND q.ordinal <= \(alias).ordinal) END
        """
    }
}
