import Foundation
import GRDB

/// Retiring a document imported by mistake: it keeps its rows (and any codings on its passages)
/// but has no current version, so search, mentions, listings, assignment and passage references
/// by anchor stop finding it. Retirement is per document identity, so a re-import of the same
/// file does not bring it back; `restore` does. Both are a lead's or adjudicator's action (anyone's
/// until the project has a lead, as for other management) and are audit-logged.
public struct DocumentRetirement: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// A retired document identity.
    public struct Record: Sendable, Codable, Equatable {
        public var documentId: Int64
        public var identity: String
        public var reason: String
        public var retiredBy: String
        public var retiredAt: Date
        /// Codings on its passages that were standing when it was retired (with `force`).
        public var codings: Int
    }

    /// What retiring did.
    public struct Outcome: Sendable, Equatable {
        public var record: Record
        /// Units of rounds assigned on its passages: they stay assigned (and coded work stays).
        public var assignedUnits: Int
    }

    /// Retires the current version of document `id`. Refused when codings stand on its passages,
    /// unless `force`; the codings are kept either way.
    @discardableResult
    public func retire(documentId id: Int64, reason: String, force: Bool = false, as viewer: Viewer) throws -> Outcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw StoreError.invalid("give --reason TEXT: why the document is retired goes into the log.")
        }
        return try database.writer.write { db in
            let who = try AccessPolicy.requireManager(viewer, to: "retire a document", db)
            let doc = try Self.document(id, db)
            if let standing = try Self.record(identity: doc.identity, db) {
                throw StoreError.invalid("document \(standing.documentId) (\(doc.identity)) is already retired, since \(ISO8601DateFormatter().string(from: standing.retiredAt)) by \(standing.retiredBy): \(standing.reason)")
            }
            guard doc.isCurrent else {
                let current = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE identity = ? AND is_current = 1", arguments: [doc.identity])
                throw StoreError.invalid("document \(id) is an older version of \(doc.identity)\(current.map { "; retire the current one, \($0)" } ?? "").")
            }
            let codings = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM coding c JOIN passage p ON p.id = c.passage_id JOIN document d ON d.id = p.document_id
                WHERE d.identity = ? AND c.retracted_at IS NULL
                """, arguments: [doc.identity]) ?? 0
            if codings > 0 && !force {
                throw StoreError.invalid("document \(id) (\(doc.identity)) has \(codings) coding(s) on its passages; retiring it hides it from search and assignment but keeps them. Give --force to retire it anyway.")
            }
            let assigned = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM assignment a JOIN passage p ON p.id = a.passage_id JOIN document d ON d.id = p.document_id
                WHERE d.identity = ?
                """, arguments: [doc.identity]) ?? 0
            let record = Record(documentId: id, identity: doc.identity, reason: reason, retiredBy: who, retiredAt: Date(), codings: codings)
            try db.execute(sql: "UPDATE document SET is_current = 0 WHERE identity = ?", arguments: [doc.identity])
            try db.execute(sql: """
                INSERT INTO document_retirement (identity, document_id, reason, retired_by, retired_at, codings) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [doc.identity, id, reason, who, record.retiredAt, codings])
            try AuditLog.record(db, who: who, action: "document.retire", entity: "document", id: String(id), detail: record)
            return Outcome(record: record, assignedUnits: assigned)
        }
    }

    /// Makes a retired document current again (its latest published version), and returns that version's id.
    @discardableResult
    public func restore(documentId id: Int64, reason: String? = nil, as viewer: Viewer) throws -> Int64 {
        try database.writer.write { db in
            let who = try AccessPolicy.requireManager(viewer, to: "restore a document", db)
            let doc = try Self.document(id, db)
            guard let standing = try Self.record(identity: doc.identity, db) else {
                throw StoreError.invalid("document \(id) (\(doc.identity)) is not retired.")
            }
            guard let latest = try Int64.fetchOne(db, sql: """
                SELECT d.id FROM document d JOIN import_batch b ON b.id = d.batch_id
                WHERE d.identity = ? AND b.finished_at IS NOT NULL ORDER BY d.version DESC LIMIT 1
                """, arguments: [doc.identity]) else {
                throw StoreError.documentNotFound(String(id))
            }
            try db.execute(sql: "UPDATE document SET is_current = (id = ?) WHERE identity = ?", arguments: [latest, doc.identity])
            try db.execute(sql: "DELETE FROM document_retirement WHERE identity = ?", arguments: [doc.identity])
            try AuditLog.record(db, who: who, action: "document.restore", entity: "document", id: String(latest),
                                detail: Restored(identity: doc.identity, reason: reason), previous: nil)
            _ = standing
            return latest
        }
    }

    /// Why a restore happened, for the log.
    struct Restored: Encodable {
        var identity: String
        var reason: String?
    }

    /// The retirement of the document `id` belongs to (any of its versions), if it is retired.
    public func retirement(documentId id: Int64) throws -> Record? {
        try database.writer.read { db in try Self.record(identity: try Self.document(id, db).identity, db) }
    }

    /// Every retired document, oldest retirement first.
    public func retired() throws -> [Record] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM document_retirement ORDER BY retired_at").map(Self.record)
        }
    }

    private static func document(_ id: Int64, _ db: Database) throws -> DocumentRecord {
        guard let doc = try DocumentRecord.fetchOne(db, key: id) else { throw StoreError.documentNotFound(String(id)) }
        return doc
    }

    private static func record(identity: String, _ db: Database) throws -> Record? {
        try Row.fetchOne(db, sql: "SELECT * FROM document_retirement WHERE identity = ?", arguments: [identity]).map(record)
    }

    private static func record(_ row: Row) -> Record {
        Record(documentId: row["document_id"], identity: row["identity"], reason: row["reason"], retiredBy: row["retired_by"],
               retiredAt: row["retired_at"], codings: row["codings"])
    }
}
