import Foundation
import GRDB
import Testing

/// A FRUS-shaped TEI volume with `documents` documents of `paragraphs` paragraphs each.
func generatedVolume(documents: Int, paragraphs: Int, id: String = "frus1999v98") -> String {
    var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
        <title type="complete">Foreign Relations of the United States, Generated Volume</title></titleStmt>
        <publicationStmt><publisher>Test</publisher><date>1999</date><idno type="frus">\(id)</idno></publicationStmt>
        <sourceDesc><p>generated</p></sourceDesc></fileDesc></teiHeader><text><body><div type="chapter" xml:id="ch1">

        """
    let sentence = "The Ambassador met the Minister today and discussed troop allowances, transport and the subsidy for the division. "
    for d in 1...documents {
        out += "<div type=\"document\" xml:id=\"d\(d)\" n=\"\(d)\"><head>\(d). Telegram From the Embassy to the Department of State</head>"
        out += "<dateline><date when=\"1965-06-01\">June 1, 1965</date></dateline>"
        for p in 1...paragraphs {
            out += "<p>Paragraph \(p) of document \(d). " + String(repeating: sentence, count: 3) + "</p>\n"
        }
        out += "</div>\n"
    }
    return out + "</div></body></text></TEI>\n"
}

@Suite(.serialized) struct ImportUnderLoadTests {
    /// A coder's `code add` completes while a large import is still running (the import holds the
    /// write lock only in short transactions), the import's documents stay invisible until it is
    /// published, a kill -9 leaves nothing visible, and the next import cleans the staged rows up.
    @Test func codersWriteDuringAnImportAndAKilledImportIsCleanedUp() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        try CLI.productionProject(at: db, coders: ["c1"])
        let volume = dir.appendingPathComponent("big.xml")
        try Data(generatedVolume(documents: 4_000, paragraphs: 12).utf8).write(to: volume)

        let importer = Process()
        importer.executableURL = try #require(CLI.binary)
        importer.arguments = ["import", "--db", db, "--no-progress", volume.path]
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()

        // Wait (polling read-only) until the import has staged documents.
        let reader = try DatabaseQueue(path: db, configuration: { var c = Configuration(); c.readonly = true; return c }())
        var staged = 0
        while importer.isRunning && staged < 200 {
            staged = try reader.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM document d JOIN import_batch b ON b.id = d.batch_id WHERE b.finished_at IS NULL
                    """) ?? 0
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try #require(importer.isRunning, "the import finished before the test could write during it; make the volume larger")
        // Staged documents are invisible to readers.
        let visible = try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE is_current = 1 AND source_path = ?", arguments: [volume.path])
        }
        #expect(visible == 0)
        let search = try CLI.run(["search", "--db", db, "--format", "csv", "troop allowances subsidy division"])
        #expect(search.stdout.split(separator: "\n").count <= 1, "staged passages were found by search: \(search.stdout.prefix(300))")

        let add = try CLI.run(["code", "add", "--db", db, "--coder", "c1", "--round", "prod", "--passage", "1",
                               "--case", "GULF-1990/EGY", "--criterion", "WIR.link"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(importer.isRunning, "the coder's write completed only after the import")

        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        let afterKill = try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE is_current = 1 AND source_path = ?", arguments: [volume.path])
        }
        #expect(afterKill == 0)
        try reader.close()

        // The next import discards the dead import's batch; the project checks clean afterwards.
        let small = dir.appendingPathComponent("small.xml")
        try Data(generatedVolume(documents: 3, paragraphs: 2, id: "frus1999v97").utf8).write(to: small)
        let next = try CLI.run(["import", "--db", db, "--no-progress", small.path])
        #expect(next.status == 0, "\(next.stderr)")
        let check = try CLI.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let queue = try DatabaseQueue(path: db)
        let leftovers = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE source_path = ?", arguments: [volume.path])
        }
        #expect(leftovers == 0)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM import_batch WHERE finished_at IS NULL") } == 0)
        let codings = try CLI.run(["code", "list", "--db", db, "--round", "prod", "--format", "csv"])
        #expect(codings.stdout.split(separator: "\n").count == 2)
    }
    /// A coder's `code add` completes while a 10,000-row `code import` is still running (a debug
    /// build on a loaded machine takes long enough; `Benchmarks/scale/code-import.sh` measures the
    /// wait at 100,000 rows): the file
    /// is checked in a read transaction and published in one write at the end, so the coder does
    /// not wait for the check; both end up stored, neither twice.
    @Test func aCodersAddCompletesDuringALargeCodeImport() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        try CLI.productionProject(at: db, coders: ["c1", "c2"])
        let file = try Self.tenThousandCodings(db, in: dir)

        let importer = Process()
        importer.executableURL = try #require(CLI.binary)
        importer.arguments = ["code", "import", "--db", db, file.path]
        let out = Pipe()
        importer.standardOutput = out
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        Thread.sleep(forTimeInterval: 0.5)
        try #require(importer.isRunning, "the import finished before the test could write during it")
        let add = try CLI.run(["code", "add", "--db", db, "--coder", "c1", "--round", "prod", "--passage", "1",
                               "--case", "GULF-1990/EGY", "--criterion", "WIR.link"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(importer.isRunning, "the coder's write completed only after the import")
        let summary = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0, "\(summary)")
        let counts = try DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT coder, count(*) AS n FROM coding GROUP BY coder ORDER BY coder").map { "\($0["coder"] as String)=\($0["n"] as Int)" }
        }
        #expect(counts == ["c1=1", "c2=10000"])
    }

    /// 10,000 distinct codings by c2 in the production round: every span of the longest passages,
    /// for two criteria; returns the CSV file.
    static func tenThousandCodings(_ db: String, in dir: URL) throws -> URL {
        let queue = try DatabaseQueue(path: db)
        let passages = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, length(text) AS n FROM passage ORDER BY length(text) DESC LIMIT 40")
        }
        try queue.close()
        var csv = "coder,round,passage,case,criterion,span_start,span_end\n"
        var rows = 0
        outer: for criterion in ["WIR.link", "WIR.volunteered"] {
            for passage in passages {
                let id: Int64 = passage["id"], length: Int = passage["n"]
                for start in 0..<(length - 1) {
                    for end in (start + 1)...min(length, start + 40) {
                        csv += "c2,prod,\(id),GULF-1990/EGY,\(criterion),\(start),\(end)\n"
                        rows += 1
                        if rows == 10_000 { break outer }
                    }
                }
            }
        }
        try #require(rows == 10_000)
        let file = dir.appendingPathComponent("codings.csv")
        try Data(csv.utf8).write(to: file)
        return file
    }

    /// A `code import` killed (SIGKILL) while it stages its rows leaves nothing visible: no coding,
    /// no finished unit, no log event; `check` names the unpublished batch, and the next
    /// `code import` removes its rows and imports the file whole.
    @Test func aCodeImportKilledWhileStagingLeavesNothingVisible() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        try CLI.productionProject(at: db, coders: ["c1", "c2"])
        let file = try Self.tenThousandCodings(db, in: dir)
        func count(_ sql: String) throws -> Int {
            let queue = try DatabaseQueue(path: db)
            defer { try? queue.close() }
            return try queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
        }
        let visible = "SELECT (SELECT count(*) FROM coding) + (SELECT count(*) FROM unit_done) + (SELECT count(*) FROM audit_event)"
        let before = try count(visible)

        let importer = Process()
        importer.executableURL = try #require(CLI.binary)
        importer.arguments = ["code", "import", "--db", db, file.path]
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        // Killed as soon as some rows are staged (the import has 10,000 to stage).
        var staged = 0
        while importer.isRunning && staged == 0 {
            Thread.sleep(forTimeInterval: 0.005)
            staged = (try? count("SELECT count(*) FROM coding_store WHERE batch_id > 0")) ?? 0
        }
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        try #require(staged > 0, "the import ended before any staged row was seen")
        try #require(try count("SELECT count(*) FROM coding_batch WHERE published_at IS NOT NULL") == 0,
                     "the import published before it was killed")
        #expect(try count(visible) == before)
        #expect(try count("SELECT count(*) FROM coding WHERE coder = 'c2'") == 0)
        let check = try CLI.run(["check", "--db", db])
        #expect(check.status == 1)
        #expect(check.stdout.contains("was never published"), "\(check.stdout)")

        let again = try CLI.run(["code", "import", "--db", db, file.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try count("SELECT count(*) FROM coding_store WHERE batch_id IN (SELECT id FROM coding_batch WHERE status = 'discarded')") == 0)
        #expect(try count("SELECT count(*) FROM coding_batch WHERE status = 'discarded'") == 1)
        #expect(try count("SELECT count(*) FROM coding WHERE coder = 'c2'") == 10_000)
        let after = try CLI.run(["check", "--db", db])
        #expect(after.status == 0, "\(after.stdout)")
    }
}
