import Foundation
import GRDB

/// Full-text search over passages (FTS5, bm25 ranking, highlighted snippets).
public struct PassageSearch: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Searches current documents' passages. `open`/`close` mark the hits in snippets
    /// (e.g. ANSI bold on a terminal, `**` in Markdown, `[` `]` in plain output).
    public func search(_ query: String, filter: DocumentFilter = DocumentFilter(), limit: Int = 20,
                       open: String = "[", close: String = "]") throws -> [SearchHit] {
        try filter.validate()
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw StoreError.invalidSearchQuery(query: query, reason: "it is empty")
        }
        let (conditions, filterArgs) = filter.sql()
        let sql = """
            SELECT p.id AS passage_id, p.document_id, p.kind, p.page, p.anchor,
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
        var args: StatementArguments = [open, close, trimmed]
        args += filterArgs
        args += [limit]
        return try Self.translatingQueryErrors(query: trimmed) {
            try database.writer.read { db in try SearchHit.fetchAll(db, sql: sql, arguments: args) }
        }
    }

    /// Turns SQLite's FTS5 syntax errors into a message about the query, not an SQLite trace.
    static func translatingQueryErrors<T>(query: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            let message = error.message ?? "syntax error"
            if message.contains("fts5") || message.contains("syntax") || message.contains("no such column") || message.contains("unterminated") {
                throw StoreError.invalidSearchQuery(query: query, reason: message.replacingOccurrences(of: "fts5: ", with: ""))
            }
            throw error
        }
    }
}
