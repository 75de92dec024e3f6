import Foundation
import GRDB

/// A consistent copy of a project made through SQLite's online backup API, safe while coders write.
///
/// A plain `cp` of the project file misses whatever is still in its `-wal` file and can copy a
/// page mid-write; the backup API copies every page of one read snapshot instead (in WAL mode
/// writers go on meanwhile). The copy is written beside the destination, switched to a rollback
/// journal so it is one self-contained file (readable from read-only media with no `-wal`/`-shm`),
/// checked with `PRAGMA quick_check`, and only then renamed into place: an interrupted backup never
/// leaves a half-written file under the destination name.
///
/// A backup holds every coder's work, so it is a lead's or adjudicator's action (see `authorize`),
/// so that nobody copies out the codings that blindness hides.
public enum ProjectBackup {
    /// What was written.
    public struct Result: Sendable, Encodable {
        public var path: String
        public var bytes: Int
        public var pages: Int
        public var seconds: Double
    }

    /// Copies `database` to `destination`. Refuses an existing destination unless `overwrite`.
    public static func backup(_ database: ProjectDatabase, to destination: String, as viewer: Viewer,
                              overwrite: Bool = false) throws -> Result {
        try authorize(database, viewer: viewer)
        let fm = FileManager.default
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        if target.path == URL(fileURLWithPath: database.path).standardizedFileURL.path {
            throw StoreError.invalid("\(destination): that is the project itself; give another file for the backup.")
        }
        if fm.fileExists(atPath: target.path) && !overwrite {
            throw StoreError.invalid("\(destination): a file is already there; give a new name, or --force to replace it.")
        }
        let folder = target.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw StoreError.invalid("\(destination): the folder \(folder.path) does not exist.")
        }
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        defer {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? fm.removeItem(atPath: partial.path + suffix) }
        }
        let start = Date()
        var pages = 0
        do {
            let copy = try DatabaseQueue(path: partial.path)
            // One step: the whole copy comes from a single read snapshot, so it is consistent even
            // while other processes commit.
            try database.writer.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw StoreError.invalid("\(destination): the copy failed its check (\(check.prefix(3).joined(separator: "; "))); nothing was written.")
                }
                pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            }
            try copy.close()
        } catch let error as DatabaseError {
            throw StoreError.invalid("\(destination): the backup failed: \(error.message ?? error.description). Nothing was written.")
        }
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        try fm.moveItem(at: partial, to: target)
        let bytes = (try? fm.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        return Result(path: target.path, bytes: bytes, pages: pages, seconds: Date().timeIntervalSince(start))
    }

    /// A backup is a manager's action (``AccessPolicy/requireManager(_:to:_:)``): never a coder's.
    /// While a blind round is open it holds work that blindness hides, so even in a project
    /// without a lead the person must say who they are and be a lead or adjudicator.
    static func authorize(_ database: ProjectDatabase, viewer: Viewer) throws {
        try database.writer.read { db in
            let blindOpen = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coding_round WHERE blind = 1 AND status = 'open')") ?? false
            if blindOpen {
                try AccessPolicy.require([.lead, .adjudicator], viewer, to: "back up the project while a blind round is open", db)
            } else {
                try AccessPolicy.requireManager(viewer, to: "back up the project", db)
            }
        }
    }
}
