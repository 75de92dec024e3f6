import Foundation
import Testing

/// The exports and `import refi` as a user runs them: the demo's export folder, a byte-stable
/// re-export, and a round moved into a fresh project through a .qdpx file.
@Suite(.serialized) struct InterchangeCLITests {
    @Test func demoExportsMoveARoundIntoAFreshProject() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try CLI.run(["demo", "--output", dir.appendingPathComponent("demo").path])
        #expect(demo.status == 0, "\(demo.stderr)")
        for name in ["rel-1.qdpx", "rel-1-codebook.qdc", "rel-1-annotations.jsonld", "rel-1-cases.csv", "rel-1-cases.json",
                     "rel-1-evidence.csv", "rel-1-evidence.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo/\(name)").path), "\(name)")
        }
        let source = dir.appendingPathComponent("demo/dossier.sqlite").path
        let a = dir.appendingPathComponent("a.qdpx").path, b = dir.appendingPathComponent("b.qdpx").path
        for file in [a, b] {
            let r = try CLI.run(["export", "refi", "--db", source, "--round", "rel-1", "-o", file])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == (try Data(contentsOf: URL(fileURLWithPath: b))))

        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        for args in [["init"], ["import", "--no-progress", "Imports/transcripts"], ["codebook", "load", "Codebooks/buying-allies.yaml"],
                     ["register", "load", "Imports/register/buying-allies.yaml"], ["round", "create", "ext", "--purpose", "production"]] {
            let r = try CLI.run(args + ["--db", fresh])
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let missing = try CLI.run(["import", "refi", "--db", fresh, dir.appendingPathComponent("nowhere.qdpx").path, "--round", "ext"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere.qdpx"), "\(missing.stderr)")

        let imported = try CLI.run(["import", "refi", "--db", fresh, a, "--round", "ext"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = try CLI.run(["code", "list", "--db", source, "--round", "rel-1", "--format", "csv"])
        let after = try CLI.run(["code", "list", "--db", fresh, "--round", "ext", "--format", "csv"])
        let n = before.stdout.split(separator: "\n").count - 1
        #expect(n > 20)
        #expect(after.stdout.split(separator: "\n").count - 1 == n, "\(after.stderr)")
        #expect(imported.stdout.hasPrefix("Imported \(n) codings (0 already present)"), "\(imported.stdout)")
        let again = try CLI.run(["import", "refi", "--db", fresh, a, "--round", "ext"])
        #expect(again.stdout.hasPrefix("Imported 0 codings (\(n) already present)"), "\(again.stdout)")

        let cases = try CLI.run(["export", "cases", "--db", source, "--round", "rel-1", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["case"] is String })
    }
}
