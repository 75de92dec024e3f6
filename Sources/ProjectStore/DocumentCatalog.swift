import Foundation
import GRDB

/// Reads documents and their passages back for listing, showing and citing.
public struct DocumentCatalog: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Documents matching the filter, in date order (undated last), then by volume and number.
    /// `text` restricts to documents with a passage matching the full-text query.
    public func documents(filter: DocumentFilter = DocumentFilter(), text: String? = nil,
                          textMode: SearchQuery.Mode = .plain, limit: Int? = nil) throws -> [DocumentRecord] {
        try filter.validate()
        var (conditions, args) = filter.sql()
        let query = SearchQuery(text ?? "", mode: textMode)
        if text != nil {
            conditions += " AND d.id IN (SELECT p.document_id FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid WHERE passage_fts MATCH ?)"
            _ = args.append(contentsOf: [try query.ftsExpression()])
        }
        var sql = """
            SELECT d.* FROM document d WHERE \(conditions)
            ORDER BY d.date_min IS NULL, d.date_min, d.volume_id, CAST(d.doc_number AS INTEGER), d.id
            """
        if let limit { sql += " LIMIT \(limit)" }
        return try PassageSearch.translatingQueryErrors(query: query) {
            try database.writer.read { db in try DocumentRecord.fetchAll(db, sql: sql, arguments: args) }
        }
    }

    /// Each document's type (nil where it has none), for many documents in one query: listings
    /// that label editorial material need only this, not every document's whole record.
    public func docTypes(of ids: some Sequence<Int64>) throws -> [Int64: String?] {
        let list = "[" + Set(ids).map(String.init).joined(separator: ",") + "]"
        return try database.writer.read { db in
            var types: [Int64: String?] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, doc_type FROM document WHERE id IN (SELECT value FROM json_each(?))",
                                           arguments: [list])
            while let row = try rows.next() { types[row[0]] = .some(row[1]) }
            return types
        }
    }

    /// The document with this id.
    public func document(id: Int64) throws -> DocumentRecord {
        guard let doc = try database.writer.read({ db in try DocumentRecord.fetchOne(db, key: id) }) else {
            throw StoreError.documentNotFound(String(id))
        }
        return doc
    }

    /// A current document named by its id, identity (`frus:VOLUME/DOCID`), `VOLUME/DOCID`, or the
    /// name of the file it came from (when that file holds one document).
    public func resolve(_ reference: String) throws -> DocumentRecord {
        let found = try database.writer.read { db in
            try DocumentRecord.fetchAll(db, sql: """
                SELECT * FROM document d WHERE d.is_current = 1 AND \(Self.matchesReference(parameter: 1))
                """, arguments: [reference])
        }
        guard found.count == 1 else {
            throw found.isEmpty ? StoreError.documentNotFound(reference)
                : StoreError.invalid("'\(reference)' names \(found.count) documents; use a document id or VOLUME/DOCID.")
        }
        return found[0]
    }

    /// SQL condition on `document d` true when the numbered parameter names it as `resolve` describes.
    static func matchesReference(parameter n: Int) -> String {
        """
        (CAST(d.id AS TEXT) = ?\(n) OR d.identity = ?\(n) OR d.identity = 'frus:' || ?\(n)
         OR d.source_path = ?\(n) OR d.source_path LIKE '%/' || ?\(n))
        """
    }

    /// Current documents whose key (FRUS `xml:id`, e.g. `d47`) is `key`, in any volume.
    public func documents(withKey key: String) throws -> [DocumentRecord] {
        try database.writer.read { db in
            try DocumentRecord.fetchAll(db, sql: "SELECT * FROM document WHERE is_current = 1 AND doc_key = ? ORDER BY volume_id",
                                        arguments: [key])
        }
    }

    /// A passage's readable locator (`para. 3`, `n. 2`, `source note`).
    public func locator(of passage: PassageRecord) throws -> String {
        try database.writer.read { db in try PassageLocator.locator(of: passage, in: db) }
    }

    /// The passages of a document in reading order.
    public func passages(documentId: Int64) throws -> [PassageRecord] {
        try database.writer.read { db in
            try PassageRecord.filter(Column("document_id") == documentId).order(Column("ordinal")).fetchAll(db)
        }
    }

    /// The passage with this id and its document.
    public func passage(id: Int64) throws -> (PassageRecord, DocumentRecord) {
        try database.writer.read { db in
            guard let passage = try PassageRecord.fetchOne(db, key: id) else {
                throw StoreError.passageNotFound(String(id))
            }
            let document = try DocumentRecord.fetchOne(db, key: passage.documentId)!
            return (passage, document)
        }
    }

    /// The passages with these ids, each with its document, in two queries however many ids (a
    /// report citing every passage behind 200,000 codings would otherwise query once per passage).
    /// Ids that name no passage are absent from the result.
    public func passages(ids: some Sequence<Int64>) throws -> [Int64: (passage: PassageRecord, document: DocumentRecord)] {
        let list = "[" + Set(ids).map(String.init).joined(separator: ",") + "]"
        return try database.writer.read { db in
            let passages = try PassageRecord.fetchAll(db, sql: "SELECT * FROM passage WHERE id IN (SELECT value FROM json_each(?))",
                                                      arguments: [list])
            let documents = try DocumentRecord.fetchAll(db, sql: """
                SELECT * FROM document WHERE id IN (SELECT DISTINCT document_id FROM passage WHERE id IN (SELECT value FROM json_each(?)))
                """, arguments: [list])
            let byId = Dictionary(documents.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            var found: [Int64: (passage: PassageRecord, document: DocumentRecord)] = [:]
            for passage in passages {
                if let document = byId[passage.documentId] { found[passage.id!] = (passage, document) }
            }
            return found
        }
    }

    /// Entity links of a document's passages resolved through the volume's persons and terms lists.
    public func resolvedLinks(documentId: Int64) throws -> [ResolvedLink] {
        try database.writer.read { db in
            try ResolvedLink.fetchAll(db, sql: """
                SELECT l.passage_id, l.kind, l.ref, l.surface, g.label, g.description
                FROM passage_link l
                JOIN passage p ON p.id = l.passage_id
                JOIN document d ON d.id = p.document_id
                LEFT JOIN glossary_entry g ON g.volume_id = d.volume_id AND g.ref = l.ref
                WHERE p.document_id = ?
                ORDER BY p.ordinal
                """, arguments: [documentId])
        }
    }

    /// Counts for summaries: current documents, passages, import batches.
    public func counts() throws -> (documents: Int, passages: Int, batches: Int) {
        try database.writer.read { db in
            let docs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE is_current = 1") ?? 0
            let passages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage p JOIN document d ON d.id = p.document_id WHERE d.is_current = 1") ?? 0
            let batches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_batch") ?? 0
            return (docs, passages, batches)
        }
    }
}
