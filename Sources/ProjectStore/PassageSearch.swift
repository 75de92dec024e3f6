import Foundation
import GRDB

/// Full-text search over passages (FTS5, bm25 ranking, highlighted snippets).
public struct PassageSearch: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Searches current documents' passages. `open`/`close` mark the hits in snippets (ANSI bold on
    /// a terminal, `**` by default elsewhere); never square brackets, which FRUS uses for editorial
    /// insertions such as `[name not declassified]`.
    public func search(_ query: SearchQuery, filter: DocumentFilter = DocumentFilter(), limit: Int = 20,
                       open: String = "**", close: String = "**") throws -> [SearchHit] {
        try filter.validate()
        let expression = try query.ftsExpression()
        let (conditions, filterArgs) = filter.sql()
        let sql = """
            SELECT p.id AS passage_id, p.document_id, p.kind, p.page, p.anchor, p.note_number,
                   \(PassageLocator.paragraphSQL(passage: "p")) AS paragraph,
                   (p.kind IN ('source_note', 'footnote') OR \(Editorial.documentCondition(alias: "d"))) AS editorial,
                   d.title, d.doc_type, d.date_min, d.volume_id, d.doc_number, d.classification,
                   snippet(passage_fts, 0, ?, ?, '…', 24) AS snippet,
                   bm25(passage_fts) AS rank
            FROM passage_fts
            JOIN passage p ON p.id = passage_fts.rowid
            JOIN document d ON d.id = p.document_id
            WHERE passage_fts MATCH ? AND \(conditions)
            ORDER BY rank
            LIMIT ?
            """
        var args: StatementArguments = [open, close, expression]
        args += filterArgs
        args += [limit]
        return try Self.translatingQueryErrors(query: query) {
            try database.writer.read { db in try SearchHit.fetchAll(db, sql: sql, arguments: args) }
        }
    }

    /// Searches with `text` read in `mode` (plain words and phrases by default).
    public func search(_ text: String, mode: SearchQuery.Mode = .plain, filter: DocumentFilter = DocumentFilter(),
                       limit: Int = 20, open: String = "**", close: String = "**") throws -> [SearchHit] {
        try search(SearchQuery(text, mode: mode), filter: filter, limit: limit, open: open, close: close)
    }

    /// Turns SQLite's FTS5 syntax errors into a message about the query (with the position where
    /// FTS5 stopped), never an SQLite trace or the SQL.
    static func translatingQueryErrors<T>(query: SearchQuery, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            let message = error.message ?? "syntax error"
            if message.contains("fts5") || message.contains("syntax") || message.contains("no such column")
                || message.contains("unterminated") || message.contains("special query") {
                throw StoreError.invalidSearchQuery(query: query.text, reason: SearchQuery.explain(message, query: query.text))
            }
            throw error
        }
    }
}
