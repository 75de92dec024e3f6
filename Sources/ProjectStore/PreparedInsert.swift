import GRDB
import GRDBSQLite

/// One of the import's prepared inserts, bound and stepped through SQLite's C API.
///
/// The import runs tens of thousands of inserts per volume on the storing thread, the slower of its
/// two; going through GRDB's `execute(arguments:)` built an arguments array of `DatabaseValue`s per
/// row and cost about as much again as SQLite's own work. Values are bound exactly as GRDB binds
/// them (text as UTF-8 up to its end, integers as 64-bit, nil as NULL), so the stored bytes are the
/// same. Only for plain inserts inside a transaction GRDB opened, on a connection without
/// transaction observers.
struct PreparedInsert {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    /// A cached statement of `db` for `sql`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds `value` (1-based `index`; nil binds NULL).
    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_text(handle, index, value, -1, Self.transient)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    /// Binds a value as GRDB would store it.
    func bind(_ index: Int32, _ value: DatabaseValue) {
        switch value.storage {
        case .null: sqlite3_bind_null(handle, index)
        case .int64(let v): sqlite3_bind_int64(handle, index, v)
        case .double(let v): sqlite3_bind_double(handle, index, v)
        case .string(let v): sqlite3_bind_text(handle, index, v, -1, Self.transient)
        case .blob(let v):
            _ = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Runs the insert with the values bound since the last run; returns the new row's id.
    @discardableResult
    func run() throws -> Int64 {
        let code = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard code == SQLITE_DONE else {
            let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }

    /// SQLite copies the value before the call returns (what GRDB's own binding asks for).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
