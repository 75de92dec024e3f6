import Foundation
import GRDB
@testable import ProjectStore

/// Paths and helpers shared by the store tests.
enum TestSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repoRoot.appendingPathComponent("Imports/transcripts")
    /// `DOSSIER_CORPUS` overrides the location (a git worktree sits one level deeper than the repository).
    static let corpus = ProcessInfo.processInfo.environment["DOSSIER_CORPUS"].map { URL(fileURLWithPath: $0) }
        ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var corpusExists: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// A fresh project file in a new temporary folder.
    static func temporaryProject() throws -> (ProjectDatabase, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try ProjectDatabase.open(path: dir.appendingPathComponent("project.sqlite").path, create: true)
        return (db, dir)
    }

    /// Writes `text` to a file in `dir` and returns its URL.
    static func write(_ text: String, named name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every row of every table, as text: two equal snapshots mean the database did not change.
    static func snapshot(_ db: ProjectDatabase) throws -> String {
        try db.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'passage_fts%' AND name NOT LIKE 'grdb_%' ORDER BY name
                """)
            var out = ""
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid")
                out += "\(table): \(rows.map(\.description).joined(separator: "\n"))\n"
            }
            return out
        }
    }
}
