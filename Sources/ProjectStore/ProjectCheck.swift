import Foundation
import GRDB

/// `dossier check`: is the project file sound, and is its audit trail whole?
///
/// Runs SQLite's `integrity_check` (pages, indexes), the FTS5 index's own `integrity-check`
/// against the passage table, `foreign_key_check`, looks for rows that no foreign key covers
/// (unpublished import batches, documents without exactly one current version, passages missing
/// from the full-text index), and checks the audit log's continuity: its append-only triggers are
/// in place, event ids run without a gap to the last id SQLite handed out, and every coding,
/// retraction and finished unit has its event. Problems name rows by id only, never a coder's
/// handle or text, so the list is safe to show anyone during a blind round.
public enum ProjectCheck {
    /// One thing found wrong.
    public struct Problem: Sendable, Encodable, Equatable {
        /// Which check found it: `integrity`, `fts`, `foreign-keys`, `orphans`, `audit`.
        public var check: String
        public var message: String
    }

    /// Every check's outcome.
    public struct Report: Sendable, Encodable {
        public var problems: [Problem]
        /// Checks that ran, in order.
        public var checks: [String]
        /// Checks left out, with why (e.g. the FTS5 check on a read-only project).
        public var skipped: [String]
        public var isHealthy: Bool { problems.isEmpty }
    }

    /// How many rows of one kind of problem are listed before "and N more".
    static let listLimit = 20

    /// Runs every check. Nothing is written: the FTS5 check is an `INSERT` command to the index,
    /// run in a write transaction that is rolled back (it briefly takes the write lock: coders
    /// wait, they do not fail); it is skipped when the project file is not writable.
    public static func run(_ database: ProjectDatabase) throws -> Report {
        var report = Report(problems: [], checks: [], skipped: [])
        func add(_ check: String, _ messages: [String], total: Int? = nil) {
            report.problems += messages.prefix(listLimit).map { Problem(check: check, message: $0) }
            let count = total ?? messages.count
            if count > listLimit {
                report.problems.append(Problem(check: check, message: "… and \(count - listLimit) more of the same kind."))
            }
        }
        try database.writer.read { db in
            report.checks.append("integrity")
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(listLimit + 1))")
            if integrity != ["ok"] { add("integrity", integrity.map { "SQLite integrity_check: \($0)" }) }

            report.checks.append("foreign-keys")
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            add("foreign-keys", fk.map { row in
                "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? -1) points at a missing \(row[2] as String? ?? "?") row."
            })

            report.checks.append("orphans")
            try orphans(db, add)

            report.checks.append("audit")
            try audit(db, add)
        }
        // FTS5 runs its integrity-check only as an `INSERT` command, inside a write transaction;
        // it is run in one that is always rolled back, so checking never changes the file.
        do {
            let ran: Bool? = try database.withRolledBackWrite { db in
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('integrity-check', 1)")
                return true
            }
            if ran == nil {
                report.skipped.append("fts: the FTS5 integrity-check needs write access to the project; the passage count of the index was compared instead.")
            } else {
                report.checks.append("fts")
            }
        } catch let error as DatabaseError where ![.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
            report.checks.append("fts")
            add("fts", ["the full-text index does not match the passages (\(error.message ?? "\(error.resultCode)")); rebuild it with `INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')`."])
        }
        return report
    }

    private static func orphans(_ db: Database, _ add: (String, [String], Int?) -> Void) throws {
        // A batch still staged by a running import is normal; one whose process is gone is debris.
        let unpublished = try Row.fetchAll(db, sql: """
            SELECT id, path, owner FROM import_batch WHERE finished_at IS NULL ORDER BY id
            """).filter { ImportBatch.ownerIsGone($0["owner"]) }
        add("orphans", unpublished.map { row in
            "import batch \(row["id"] as Int64) (\(row["path"] as String)) was never finished; the next import cleans it up."
        }, nil)
        if try db.tableExists("coding_batch") {
            let staged = try Row.fetchAll(db, sql: """
                SELECT id, path, owner, status FROM coding_batch WHERE published_at IS NULL AND status IN ('staging', 'discarding') ORDER BY id
                """).filter { $0["status"] == "discarding" || ImportBatch.ownerIsGone($0["owner"]) }
            add("orphans", staged.map { row in
                "coding batch \(row["id"] as Int64) (\(row["path"] as String)) was never published; the next `code import` removes its rows."
            }, nil)
        }
        let currents = try Row.fetchAll(db, sql: """
            SELECT identity, SUM(is_current) AS n FROM document GROUP BY identity
            HAVING SUM(is_current) != (CASE WHEN identity IN (SELECT identity FROM document_retirement) THEN 0 ELSE 1 END)
            ORDER BY identity
            """)
        add("orphans", currents.map { row in
            "document \(row["identity"] as String) has \(row["n"] as Int) current versions instead of one (none when retired)."
        }, nil)
        let passages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage") ?? 0
        let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage_fts_docsize") ?? 0
        if passages != indexed {
            add("orphans", ["the full-text index holds \(indexed) passages but the project has \(passages)."], nil)
        }
    }

    private static func audit(_ db: Database, _ add: (String, [String], Int?) -> Void) throws {
        // Continuity is a property of what was stored: the events of an import still being staged
        // (or abandoned) are hidden from the `audit_event` view but hold their ids in the log.
        let log = try db.tableExists("audit_event_store") ? "audit_event_store" : "audit_event"
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [log]))
        let missing = ["audit_event_no_update", "audit_event_no_delete", "audit_event_no_replace"].filter { !triggers.contains($0) }
        add("audit", missing.map { "the audit log's append-only trigger \($0) is missing: the log could have been edited." }, nil)

        let span = try Row.fetchOne(db, sql: "SELECT count(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM \(log)")!
        let count: Int = span["n"]
        let sequence = try db.tableExists("sqlite_sequence")
            ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [log]) : nil
        if let lo = span["lo"] as Int64?, let hi = span["hi"] as Int64? {
            if lo != 1 { add("audit", ["audit events 1–\(lo - 1) are missing: the log does not start at its first event."], nil) }
            if Int64(count) != hi - lo + 1 {
                let gaps = try Row.fetchAll(db, sql: """
                    SELECT a.id + 1 AS first, (SELECT MIN(b.id) FROM \(log) b WHERE b.id > a.id) - 1 AS last
                    FROM \(log) a
                    WHERE a.id < ? AND NOT EXISTS (SELECT 1 FROM \(log) c WHERE c.id = a.id + 1)
                    ORDER BY a.id LIMIT ?
                    """, arguments: [hi, listLimit + 1])
                add("audit", gaps.map { row in
                    let first: Int64 = row["first"], last: Int64 = row["last"]
                    return first == last ? "audit event \(first) is missing: the log has a gap."
                                         : "audit events \(first)–\(last) are missing: the log has a gap."
                }, nil)
            }
            if let sequence, sequence > hi {
                add("audit", ["audit events \(hi + 1)–\(sequence) were written and are gone: the log's last events were removed."], nil)
            }
        } else if let sequence, sequence > 0 {
            add("audit", ["the audit log is empty but \(sequence) events were written: they were removed."], nil)
        }

        // Every change recorded in a table has its event (looked up through one automatic index,
        // so the check stays linear in the size of the log).
        func unlogged(_ sql: String, _ describe: (Row) -> String) throws {
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))") ?? 0
            guard total > 0 else { return }
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT \(listLimit)")
            add("audit", rows.map(describe), total)
        }
        try unlogged("""
            SELECT c.id FROM coding c
            LEFT JOIN (SELECT DISTINCT entity_id FROM audit_event WHERE action = 'coding.add') e ON e.entity_id = CAST(c.id AS TEXT)
            WHERE e.entity_id IS NULL ORDER BY c.id
            """) { "coding \($0["id"] as Int64) has no coding.add event in the audit log." }
        try unlogged("""
            SELECT c.id FROM coding c
            LEFT JOIN (SELECT DISTINCT entity_id FROM audit_event WHERE action = 'coding.retract') e ON e.entity_id = CAST(c.id AS TEXT)
            WHERE c.retracted_at IS NOT NULL AND e.entity_id IS NULL ORDER BY c.id
            """) { "coding \($0["id"] as Int64) is retracted but has no coding.retract event in the audit log." }
        try unlogged("""
            SELECT u.round_id, u.passage_id, u.case_id FROM unit_done u
            LEFT JOIN (SELECT DISTINCT round_id, who, entity_id FROM audit_event WHERE action = 'unit.done') e
              ON e.round_id = u.round_id AND e.who = u.coder AND e.entity_id = u.passage_id || '/' || u.case_id
            WHERE e.entity_id IS NULL ORDER BY u.round_id, u.passage_id, u.case_id
            """) { row in
            "a finished unit (round \(row["round_id"] as Int64), passage \(row["passage_id"] as Int64), case \(row["case_id"] as String)) has no unit.done event in the audit log."
        }
    }
}
