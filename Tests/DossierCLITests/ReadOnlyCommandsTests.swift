import Foundation
import Testing

/// Commands that only read open the project read-only: they never change the file's bytes, even
/// when no `-wal` file is beside it (the state in which a read-write opening writes to recreate it).
@Suite struct ReadOnlyCommandsTests {
    @Test("read-only commands leave the project file byte for byte as it was")
    func readCommandsNeverWrite() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try CLI.run(["demo", "--output", dir.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let db = dir.appendingPathComponent("dossier.sqlite").path
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let reads: [[String]] = [
            ["round", "status", "rel-1", "--as", "lee"],
            ["plan", "--round", "rel-1", "--as", "lee"],
            ["case", "coverage", "KOREA-1950/COL", "--round", "rel-1", "--as", "lee"],
            ["search", "Korea"],
            ["mentions", "--actor", "KOR"],
            ["documents"],
            ["code", "list", "--round", "rel-1", "--as", "lee"],
            ["classify", "--round", "rel-1", "--as", "lee"],
            ["reconcile", "--round", "rel-1", "--bootstrap", "0", "--as", "lee"],
            ["log"],
            // On a writable project `check` runs FTS5's integrity-check, which SQLite accepts only
            // inside a write transaction: one that is rolled back, so the file stays as it was.
            ["check"],
        ]
        for args in reads {
            let r = try CLI.run(args + ["--db", db])
            #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(args.joined(separator: " ")) changed the project file")
        }
        // `check` did not skip the full-text check to stay read-only.
        let check = try CLI.run(["check", "--db", db])
        #expect(check.stdout.contains("audit, fts checks passed"), "\(check.stdout)\(check.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
