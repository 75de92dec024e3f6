import Foundation
import GRDB

/// A `code import` staged in short write transactions and invisible until one short transaction
/// publishes it (see ``CodingCSVImporter``).
///
/// Its codings, finished units and audit events are stored in `coding_store`, `unit_done_store` and
/// `audit_event_store` with the batch's id; the views `coding`, `unit_done` and `audit_event`, which
/// every reader uses, show a row only when it was written directly (`batch_id` 0) or its batch is
/// published. Publishing sets one column of one row, whatever the size of the file.
enum CodingBatch {
    /// The condition the views apply, for the few writers that must address visible rows in a
    /// storage table (reopening a unit deletes the visible `unit_done` row).
    static let visibleRow = "(batch_id = 0 OR batch_id IN (SELECT id FROM coding_batch WHERE published_at IS NOT NULL))"

    /// Starts a batch for the file at `path`, owned by this process.
    static func begin(path: String, _ db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO coding_batch (path, owner, started_at, status) VALUES (?, ?, ?, 'staging')",
                       arguments: [path, ImportBatch.currentOwner, Date()])
        return db.lastInsertedRowID
    }

    /// Makes everything staged under the batch visible at once.
    static func publish(_ batchId: Int64, codings: Int, unitsDone: Int, at time: DatabaseValue, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE coding_batch SET published_at = ?, status = 'published', codings = ?, units_done = ?
            WHERE id = ? AND published_at IS NULL
            """, arguments: [time, codings, unitsDone, batchId])
        guard db.changesCount == 1 else { throw StoreError.invalid("coding batch \(batchId) was discarded before it could be published.") }
    }

    /// Removes the codings and finished units of a batch that was never published, a few thousand
    /// rows per transaction, and marks it discarded. Its audit events stay in the append-only log's
    /// storage, hidden like every event of an unpublished batch: they record nothing that happened.
    static func discard(_ batchId: Int64, in writer: any DatabaseWriter) throws {
        try writer.write { db in
            // Marked first, so it can no longer be published while its rows go, and a removal cut
            // short is finished by the next import.
            try db.execute(sql: "UPDATE coding_batch SET status = 'discarding' WHERE id = ? AND published_at IS NULL", arguments: [batchId])
        }
        for table in ["coding_store", "unit_done_store"] {
            while try writer.write({ db -> Bool in
                try db.execute(sql: """
                    DELETE FROM \(table) WHERE rowid IN (SELECT rowid FROM \(table) WHERE batch_id = ? LIMIT 2000)
                    """, arguments: [batchId])
                return db.changesCount > 0
            }) {
                usleep(CodingCSVImporter.pauseBetweenTransactions)
            }
        }
        try writer.write { db in
            try db.execute(sql: "UPDATE coding_batch SET status = 'discarded' WHERE id = ? AND published_at IS NULL", arguments: [batchId])
        }
    }

    /// Discards the batches left unpublished by a `code import` that died (killed, crashed, power
    /// lost): batches of this machine whose process is gone, by the rule file imports use
    /// (``ImportBatch/ownerIsGone(_:)``), and batches whose removal was cut short. An import still
    /// running in another process is left alone. Returns the ids discarded.
    @discardableResult
    static func recoverAbandoned(in writer: any DatabaseWriter) throws -> [Int64] {
        let pending = try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, owner, status FROM coding_batch WHERE published_at IS NULL AND status IN ('staging', 'discarding') ORDER BY id
                """)
        }
        var discarded: [Int64] = []
        for row in pending {
            let id: Int64 = row["id"], status: String = row["status"]
            guard status == "discarding" || ImportBatch.ownerIsGone(row["owner"]) else { continue }
            try discard(id, in: writer)
            discarded.append(id)
        }
        return discarded
    }
}
