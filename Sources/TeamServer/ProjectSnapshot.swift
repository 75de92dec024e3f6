import ArchiveIngest
import Foundation
import GRDB
import ProjectStore

/// What a lead publishes to the team server: the project without anyone's work in it.
///
/// The snapshot is a copy of the project file (SQLite's `VACUUM INTO`) from which every table that
/// is not on the list below is emptied: codings, finished marks, notes, adjudications, coverage
/// records and the audit log never leave the lead's machine this way. The list names what a
/// working copy needs (corpus, codebook versions, register, coders, rounds, assignments), so a table
/// added later is left out until someone decides it belongs here: safe by default.
public struct ProjectSnapshot: Sendable {
    /// Tables copied with their rows. Everything else is emptied.
    public static let publishedTables: Set<String> = [
        "import_batch", "document", "passage", "passage_link", "glossary_entry",
        "codebook_version", "codebook_criterion",
        "actor", "actor_alias", "operation", "coalition_case", "payment",
        "coder", "coding_round", "assignment",
    ]

    public var bytes: Data
    /// SHA-256 over what the snapshot holds (documents by content hash, the other tables row by
    /// row): publishing the same project twice gives the same hash, so it is stored once.
    public var contentHash: String
    public var corpusFingerprint: String
    public var documents: Int
    public var passages: Int

    /// Makes the snapshot of the project at `path` (read through a separate connection; the project is not changed).
    public static func make(projectAt path: String) throws -> ProjectSnapshot {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("snapshot.sqlite")
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let source = try DatabaseQueue(path: path, configuration: readOnly)
            try source.inDatabase { try $0.execute(sql: "VACUUM INTO ?", arguments: [copy.path]) }
            try source.close()
            let queue = try DatabaseQueue(path: copy.path)
            let summary = try queue.inDatabase { db in try strip(db) }
            try queue.inDatabase { try $0.execute(sql: "VACUUM") }
            try queue.close()
            return ProjectSnapshot(bytes: try Data(contentsOf: copy), contentHash: summary.hash,
                                   corpusFingerprint: summary.fingerprint, documents: summary.documents, passages: summary.passages)
        } catch let error as DatabaseError {
            throw TeamError.snapshot(reason: "\(path): \(error.message ?? error.description)")
        }
    }

    struct Summary { var hash: String; var fingerprint: String; var documents: Int; var passages: Int }

    /// Empties every unlisted table (with the triggers that guard them set aside and restored), and
    /// hashes what remains.
    static func strip(_ db: Database) throws -> Summary {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'passage_fts%' AND name != 'grdb_migrations'
            ORDER BY name
            """)
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        try db.inTransaction {
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(String(trigger["name"]).quotedDatabaseIdentifier)") }
            for table in tables where !publishedTables.contains(table) {
                try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)")
            }
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name NOT IN (\(publishedTables.map { "'\($0)'" }.joined(separator: ",")))")
            // Rounds are published open: whether a round is closed is the server's (team_round),
            // and a copy closes it as the server says after bringing its work in. A snapshot taken
            // after the lead closed a round would otherwise refuse that work (a closed round's
            // codings can no longer change), and every copy's rebuild would fail.
            try db.execute(sql: "UPDATE coding_round SET status = 'open', closed_at = NULL")
            for trigger in triggers { try db.execute(sql: trigger["sql"]) }
            return .commit
        }
        let documents = try Row.fetchAll(db, sql: "SELECT identity, content_hash FROM document ORDER BY identity, content_hash")
        let fingerprint = ContentHash.sha256Hex(Data(documents.map { "\(String($0["identity"]))\t\(String($0["content_hash"]))\n" }.joined().utf8))
        var digest = "corpus \(fingerprint)\n"
        for table in tables where publishedTables.contains(table) && !["document", "passage", "passage_link", "glossary_entry", "import_batch"].contains(table) {
            digest += "table \(table)\n"
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid") {
                digest += row.databaseValues.map { $0.description }.joined(separator: "\t") + "\n"
            }
        }
        let passages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage") ?? 0
        return Summary(hash: ContentHash.sha256Hex(Data(digest.utf8)), fingerprint: fingerprint, documents: documents.count, passages: passages)
    }
}
