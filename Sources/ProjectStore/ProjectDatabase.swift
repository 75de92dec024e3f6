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

    /// How often this process's connections waited for the write lock (see ``LockWaitCounter``).
    public static let lockWaits = LockWaitCounter()

    /// True when this handle was opened read-only (``openForReading(path:)``): it never writes.
    public let isReadOnly: Bool

    init(writer: any DatabaseWriter, path: String, migrate: Bool = true) throws {
        self.writer = writer
        self.path = path
        self.isReadOnly = !migrate
        if migrate {
            try ProjectMigrations.migrator.migrate(writer)
            try Self.analyzeIfNeeded(writer)
        }
        if try writer.read({ try ProjectMigrations.migrator.hasBeenSuperseded($0) }) {
            throw StoreError.projectTooNew(path: path)
        }
    }

    /// Runs `ANALYZE` (bounded by `analysis_limit`) when the project has data but no planner
    /// statistics, e.g. a project made before statistics were kept. Without them SQLite plans joins
    /// such as the mention link query as a scan of every link, which grows with the corpus.
    static func analyzeIfNeeded(_ writer: any DatabaseWriter) throws {
        let needed = try writer.read { db in
            try !db.tableExists("sqlite_stat1")
                && (Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM passage)") ?? 0) == 1
        }
        if needed { try writer.writeWithoutTransaction { try optimize($0, full: true) } }
    }

    /// Refreshes the planner statistics. `full` runs a bounded `ANALYZE` of every table (after a
    /// bulk load, when the shape of the data changed); otherwise `PRAGMA optimize`, which only
    /// re-analyzes tables whose size changed a lot and is cheap enough to run after every import.
    static func optimize(_ db: Database, full: Bool) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 1000")
        try db.execute(sql: full ? "ANALYZE" : "PRAGMA optimize")
    }

    /// Refreshes the planner statistics after a bulk load (see `optimize(_:full:)`).
    public func optimize(full: Bool = false) throws {
        try writer.writeWithoutTransaction { try Self.optimize($0, full: full) }
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

    /// Opens an existing project for reading only: nothing is written to the file or beside it
    /// when that is not allowed, so a project on read-only media (or a reviewer's copy without
    /// write permission) can be listed, searched and reported on, and reading never changes the
    /// file's bytes. Commands that only read use this instead of ``open(path:create:)``.
    ///
    /// A project whose schema is older than this dossier is upgraded once through a normal
    /// opening when the file is writable; on read-only media it is read as it is.
    /// When SQLite cannot set up its shared-memory index beside the file (a read-only folder and
    /// no `-shm` file), the file is opened as immutable: then a `-wal` file left beside it is not
    /// read, which is why `dossier backup` (one self-contained file) is the way to copy a project.
    public static func openForReading(path: String) throws -> ProjectDatabase {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw StoreError.projectNotFound(path: path) }
        var config = configuration()
        config.readonly = true
        func openPool(immutable: Bool) throws -> ProjectDatabase {
            let target = immutable ? immutableURI(url.path) : url.path
            let pool = try DatabasePool(path: target, configuration: config)
            // Touch the schema so that a file SQLite cannot read fails here, not in the command.
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return try ProjectDatabase(writer: pool, path: path, migrate: false)
        }
        do {
            var database: ProjectDatabase
            do {
                database = try openPool(immutable: false)
            } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_IOERR].contains(error.resultCode) {
                database = try openPool(immutable: true)
            }
            let current = try database.writer.read { try ProjectMigrations.migrator.hasCompletedMigrations($0) }
            if !current && FileManager.default.isWritableFile(atPath: url.path) {
                _ = try open(path: path)
                database = try openPool(immutable: false)
            }
            return database
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAProject(path: path)
        }
    }

    /// Runs `body` in a write transaction that is always rolled back, for SQLite commands that
    /// only check but must run inside a write (FTS5's `integrity-check`); returns nil when the
    /// project file is not writable. On a read-only opening a single plain connection is opened
    /// for it: not a pool, whose opening writes to the file when no `-wal` file is beside it.
    public func withRolledBackWrite<T>(_ body: (Database) throws -> T) throws -> T? {
        func rolledBack(_ db: Database) throws -> T {
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .rollback
            }
            return result!
        }
        if !isReadOnly { return try writer.writeWithoutTransaction(rolledBack) }
        guard path != ":memory:", FileManager.default.isWritableFile(atPath: path) else { return nil }
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration())
        defer { try? queue.close() }
        return try queue.inDatabase(rolledBack)
    }

    /// `file:` URI opening `path` read-only and immutable (no locks, no `-shm`, no `-wal`).
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?mode=ro&immutable=1"
    }

    /// A private in-memory project, for tests and the `agreement`-style commands that need no file.
    public static func inMemory() throws -> ProjectDatabase {
        try ProjectDatabase(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // SQLite's own busy handler backs off to one try every 100 ms, so beside an import that
        // commits a short transaction and starts the next at once, a coder's write could keep
        // missing the gaps and wait seconds; trying every 2 ms catches the first gap.
        config.busyMode = .callback { tries in
            guard tries < Int(busyTimeout * 1000 / 2) else { return false }
            lockWaits.increment()
            usleep(2_000)
            return true
        }
        config.prepareDatabase { db in
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        return config
    }

    /// The schema version (the last applied migration), for `dossier init` to report.
    public func schemaVersion() throws -> String {
        // The last migration applied in registration order (names are not ordered: "v4-coding" < "i9-roles").
        try writer.read { db in
            let migrator = ProjectMigrations.migrator
            let applied = try migrator.appliedIdentifiers(db)
            return migrator.migrations.last(where: applied.contains) ?? "none"
        }
    }

    /// SQLite's journal mode for this connection (`wal` for project files).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?" }
    }
}
