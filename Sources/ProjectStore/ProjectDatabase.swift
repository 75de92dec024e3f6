import Foundation
import GRDB

/// A Dossier project: one SQLite file in WAL mode that several coders' processes can share.
///
/// `ProjectDatabase` owns the connection pool and the schema migrations (see ``ProjectMigrations``).
/// Every other type in this module takes a `ProjectDatabase` and reads or writes through ``writer``.
public final class ProjectDatabase: Sendable {
    /// The connection pool. Writes run in IMMEDIATE transactions, so concurrent writers wait for
    /// each other (up to the busy timeout) instead of failing with "database is locked".
    public let writer: any DatabaseWriter
    /// Where the project lives, for messages (`:memory:` for in-memory test databases).
    public let path: String

    /// How long a process waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 60

    init(writer: any DatabaseWriter, path: String) throws {
        self.writer = writer
        self.path = path
        try ProjectMigrations.migrator.migrate(writer)
        if try writer.read({ try ProjectMigrations.migrator.hasBeenSuperseded($0) }) {
            throw StoreError.projectTooNew(path: path)
        }
    }

    /// Opens the project at `path`.
    /// - Parameter create: create the file when it does not exist. Commands other than `init` and
    ///   `import` pass `false`, so that a mistyped `--db` path gets a clear message instead of an empty project.
    public static func open(path: String, create: Bool = false) throws -> ProjectDatabase {
        let url = URL(fileURLWithPath: path)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !exists && !create {
            throw StoreError.projectNotFound(path: path)
        }
        if !exists {
            let dir = url.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: dir.path) {
                throw StoreError.cannotCreate(path: path, reason: "the folder \(dir.path) does not exist")
            }
        }
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration())
            return try ProjectDatabase(writer: pool, path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAProject(path: path)
        }
    }

    /// A private in-memory project, for tests and the `agreement`-style commands that need no file.
    public static func inMemory() throws -> ProjectDatabase {
        try ProjectDatabase(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Keep the -wal file in place after the last connection closes, so read-only openers
            // (a reviewer with a copy) never need write access to recreate it.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// The schema version (the last applied migration), for `dossier init` to report.
    public func schemaVersion() throws -> String {
        try writer.read { db in try ProjectMigrations.migrator.appliedIdentifiers(db).sorted().last ?? "none" }
    }

    /// SQLite's journal mode for this connection (`wal` for project files).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?" }
    }
}
