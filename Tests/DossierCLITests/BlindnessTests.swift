import Foundation
import Testing

/// Runs every leaf command of the built `dossier` as coder A (`ana`) in an open blind round where
/// coder B (`bzq`) has coded, and checks that nothing of B's work — the marker in B's notes, B's
/// handle, B's coding ids — reaches standard output, standard error or any file written.
///
/// The commands come from the binary itself (`--experimental-dump-help`), so a command added later
/// is run too. `Self.plan` only says which arguments each command needs; a leaf command missing
/// from it fails the test, so nobody can add a command without saying how it is checked.
@Suite(.serialized) struct BlindnessTests {
    /// What a command is expected to do when coder A runs it.
    enum Expect { case ok, refused(String) }

    /// One run: arguments (placeholders filled in by ``Fixture/fill``), standard input, expectation.
    struct Run {
        var args: [String]
        var stdin: String? = nil
        var expect: Expect = .ok
        /// Formats to run it in (each adds `--format F`); empty: once, as is.
        var formats: [String] = []
        /// Lists people rather than work, so other coders' handles may appear (never their work).
        var mayNameCoders = false
    }

    enum Entry {
        case run([Run])
        /// Never opens a project, or opens only one it builds itself: nothing of B can reach it.
        case notApplicable(String)
    }

    static let blind = "blind until it is closed by a lead or adjudicator"
    static let tables = ["table", "json", "csv"]

    /// Arguments per leaf command. `{db}` the project, `{out}` a folder for written files, `{repo}`
    /// the checkout, `{P}` a passage both coders were assigned, `{doc}` its document, `{B}` one of
    /// B's coding ids, `{case}` the case.
    static let plan: [String: Entry] = [
        "demo": .notApplicable("builds its own sample project from Imports/ in a new folder"),
        "agreement": .notApplicable("reads a CSV of ratings, never a project"),
        "codebook validate": .notApplicable("reads a YAML file, never a project"),
        "register validate": .notApplicable("reads a YAML file, never a project"),
        "help": .notApplicable("prints help text"),
        "init": .run([Run(args: ["init", "--db", "{out}/another.sqlite"])]),
        "import files": .run([Run(args: ["import", "--db", "{db}", "--no-progress", "{repo}/Imports/transcripts/egypt-debt-1990.txt"],
                                  formats: ["text"])]),
        "documents list": .run([Run(args: ["documents", "list", "--db", "{db}"], formats: tables)]),
        "documents show": .run([Run(args: ["documents", "show", "--db", "{db}", "{doc}"], formats: tables)]),
        "documents retire": .run([Run(args: ["documents", "retire", "--db", "{db}", "{doc}", "--reason", "x"], expect: .refused("only a"))]),
        "documents restore": .run([Run(args: ["documents", "restore", "--db", "{db}", "{doc}"], expect: .refused("only a"))]),
        "search": .run([Run(args: ["search", "--db", "{db}", "debt"], formats: tables)]),
        "cite": .run([Run(args: ["cite", "--db", "{db}", "p{P}"], formats: tables + ["csl-json", "bibtex", "ris"])]),
        "codebook load": .run([Run(args: ["codebook", "load", "--db", "{db}", "{repo}/Codebooks/buying-allies.yaml"])]),
        "codebook show": .run([Run(args: ["codebook", "show", "--db", "{db}"], formats: tables)]),
        "codebook diff": .run([Run(args: ["codebook", "diff", "--db", "{db}", "r1", "r1"], formats: tables)]),
        "codebook export": .run([Run(args: ["codebook", "export", "--db", "{db}", "--output", "{out}/manual.md", "--format", "markdown"]),
                                 Run(args: ["codebook", "export", "--db", "{db}", "--output", "{out}/manual.qdc", "--format", "qdc"])]),
        "codebook list": .run([Run(args: ["codebook", "list", "--db", "{db}"], formats: tables)]),
        "register load": .run([Run(args: ["register", "load", "--db", "{db}", "{repo}/Imports/register/buying-allies.yaml"])]),
        "actor add": .run([Run(args: ["actor", "add", "--db", "{db}", "ZZZ", "--name", "Test state"])]),
        "actor update": .run([Run(args: ["actor", "update", "--db", "{db}", "ZZZ", "--name", "Test state renamed"])]),
        "actor list": .run([Run(args: ["actor", "list", "--db", "{db}"], formats: tables)]),
        "actor show": .run([Run(args: ["actor", "show", "--db", "{db}", "EGY"])]),
        "operation add": .run([Run(args: ["operation", "add", "--db", "{db}", "TEST-OP", "--name", "Test", "--framework", "other", "--start", "2001"])]),
        "operation list": .run([Run(args: ["operation", "list", "--db", "{db}"], formats: tables)]),
        "operation show": .run([Run(args: ["operation", "show", "--db", "{db}", "GULF-1990"])]),
        "case add": .run([Run(args: ["case", "add", "--db", "{db}", "TEST-OP/ZZZ", "--recipient", "ZZZ", "--operation", "TEST-OP"])]),
        "case list": .run([Run(args: ["case", "list", "--db", "{db}"], formats: tables)]),
        "case show": .run([Run(args: ["case", "show", "--db", "{db}", "{case}"])]),
        "case coverage": .run([Run(args: ["case", "coverage", "--db", "{db}", "{case}", "--round", "rel-1"], formats: tables),
                               Run(args: ["case", "coverage", "--db", "{db}", "{case}", "--round", "rel-1", "--query", "debt",
                                          "--candidates", "3"], expect: .refused("only a"))]),
        "payment add": .run([Run(args: ["payment", "add", "--db", "{db}", "TEST-OP/ZZZ#1", "--case", "TEST-OP/ZZZ", "--payer", "USA",
                                        "--scheme", "side_deal", "--status", "paid"])]),
        "payment list": .run([Run(args: ["payment", "list", "--db", "{db}"], formats: tables)]),
        "payment show": .run([Run(args: ["payment", "show", "--db", "{db}", "TEST-OP/ZZZ#1"])]),
        "mentions": .run([Run(args: ["mentions", "--db", "{db}", "--case", "{case}"], formats: tables)]),
        "coder add": .run([Run(args: ["coder", "add", "--db", "{db}", "zed"], expect: .refused("only a"))]),
        "coder list": .run([Run(args: ["coder", "list", "--db", "{db}"], formats: tables, mayNameCoders: true)]),
        "round create": .run([Run(args: ["round", "create", "--db", "{db}", "rel-x", "--purpose", "pilot"], expect: .refused("only a"))]),
        "round close": .run([Run(args: ["round", "close", "--db", "{db}", "rel-1"], expect: .refused("only a"))]),
        "round reopen": .run([Run(args: ["round", "reopen", "--db", "{db}", "rel-1", "--reason", "x"], expect: .refused("only a lead"))]),
        "round status": .run([Run(args: ["round", "status", "--db", "{db}", "rel-1"], formats: tables),
                              Run(args: ["round", "status", "--db", "{db}", "rel-1", "--units"], expect: .refused(blind))]),
        "round list": .run([Run(args: ["round", "list", "--db", "{db}"], formats: tables)]),
        "assign": .run([Run(args: ["assign", "--db", "{db}", "--round", "rel-1", "--coders", "ana", "--case", "{case}", "--query", "debt"],
                            expect: .refused("only a"))]),
        "code add": .run([Run(args: ["code", "add", "--db", "{db}", "--round", "rel-1", "--passage", "{P}", "--case", "{case}",
                                     "--criterion", "CRC.leverage", "--note", "ana again"])]),
        "code done": .run([Run(args: ["code", "done", "--db", "{db}", "--round", "rel-1", "--passage", "{P}", "--case", "{case}"])]),
        "code retract": .run([Run(args: ["code", "retract", "--db", "{db}", "{B}"], expect: .refused("only your own codings"))]),
        "code list": .run([Run(args: ["code", "list", "--db", "{db}", "--round", "rel-1", "--include-retracted"], formats: tables),
                           Run(args: ["code", "list", "--db", "{db}", "--round", "rel-1", "--coder", "bzq"], expect: .refused(blind))]),
        "code queue": .run([Run(args: ["code", "queue", "--db", "{db}", "--round", "rel-1"], formats: tables),
                            Run(args: ["code", "queue", "--db", "{db}", "--round", "rel-1", "--coder", "bzq"], expect: .refused(blind))]),
        "code import": .run([Run(args: ["code", "import", "--db", "{db}", "{out}/ana.csv"]),
                             // The refusal names bzq because the file does, not because of B's work.
                             Run(args: ["code", "import", "--db", "{db}", "{in}/as-bzq.csv"],
                                 expect: .refused("ana may not enter codings in bzq's name"), mayNameCoders: true)]),
        "code session": .run([Run(args: ["code", "session", "--db", "{db}", "--round", "rel-1"], stdin: "q\n")]),
        "packet export": .run([Run(args: ["packet", "export", "--db", "{db}", "--round", "rel-1", "-o", "{out}/ana-packet.json"]),
                               Run(args: ["packet", "export", "--db", "{db}", "--round", "rel-1", "--coder", "bzq", "-o", "{out}/b.json"],
                                   expect: .refused(blind))]),
        "packet merge": .run([Run(args: ["packet", "merge", "--db", "{db}", "{out}/ana-packet.json", "--dry-run"]),
                              Run(args: ["packet", "merge", "--db", "{db}", "{out}/ana-packet.json"])]),
        "plan": .run([Run(args: ["plan", "--db", "{db}", "--smallest-share", "0.1"], formats: tables),
                      Run(args: ["plan", "--db", "{db}", "--round", "rel-1"], expect: .refused(blind))]),
        "reconcile": .run([Run(args: ["reconcile", "--db", "{db}", "--round", "rel-1"], expect: .refused(blind), formats: tables)]),
        "adjudicate": .run([Run(args: ["adjudicate", "--db", "{db}", "--round", "rel-1", "--list", "--all"], expect: .refused(blind),
                                formats: tables),
                            Run(args: ["adjudicate", "--db", "{db}", "--round", "rel-1"], stdin: "q\n", expect: .refused(blind))]),
        "classify": .run([Run(args: ["classify", "--db", "{db}", "--round", "rel-1"], formats: tables + ["markdown"])]),
        "weigh": .run([Run(args: ["weigh", "--db", "{db}", "--round", "rel-1"], formats: tables),
                       Run(args: ["weigh", "--db", "{db}", "--round", "rel-1", "--case", "{case}", "--prior", "0.3"], formats: tables)]),
        "report": .run([Run(args: ["report", "--db", "{db}", "--round", "rel-1", "-o", "{out}/report.html"], expect: .refused(blind))]),
        "import refi": .run([Run(args: ["import", "refi", "--db", "{db}", "{out}/study-refi", "--round", "rel-1"], expect: .refused("only a"))]),
        "export refi": .run([Run(args: ["export", "refi", "--db", "{db}", "--round", "rel-1", "-o", "{out}/study.qdpx"]),
                             Run(args: ["export", "refi", "--db", "{db}", "--round", "rel-1", "--folder", "{out}/study-refi"])]),
        "export annotations": .run([Run(args: ["export", "annotations", "--db", "{db}", "--round", "rel-1"]),
                                    Run(args: ["export", "annotations", "--db", "{db}", "--round", "rel-1", "-o", "{out}/rel-1.jsonld"])]),
        "export cases": .run([Run(args: ["export", "cases", "--db", "{db}", "--round", "rel-1"], formats: ["csv", "json"])]),
        "export evidence": .run([Run(args: ["export", "evidence", "--db", "{db}", "--round", "rel-1"], formats: ["csv", "markdown"]),
                                 Run(args: ["export", "evidence", "--db", "{db}", "--round", "rel-1", "-o", "{out}/evidence"])]),
        "backup": .run([Run(args: ["backup", "--db", "{db}", "{out}/backup.sqlite"], expect: .refused("only a"))]),
        "check": .run([Run(args: ["check", "--db", "{db}"], formats: tables)]),
        // A project that is not a team working copy: the team commands refuse before reading
        // anything. Blindness on a team server is PostgreSQL's (row-level security): TeamCLITests.
        "team init": .run([Run(args: ["team", "init", "--db", "{db}", "postgres://postgres@127.0.0.1:9/none"], expect: .refused("only a"))]),
        "team add": .run([Run(args: ["team", "add", "zed", "--server", "postgres://postgres@127.0.0.1:9/none"], expect: .refused("not reachable"))]),
        "team publish": .run([Run(args: ["team", "publish", "--db", "{db}"], expect: .refused("not a team working copy"))]),
        "team join": .run([Run(args: ["team", "join", "--db", "{out}/copy.sqlite", "postgres://127.0.0.1:9/none"], expect: .refused("not reachable"))]),
        "team sync": .run([Run(args: ["team", "sync", "--db", "{db}"], expect: .refused("not a team working copy"))]),
        "team close": .run([Run(args: ["team", "close", "--db", "{db}", "rel-1"], expect: .refused("not a team working copy"))]),
        "team status": .run([Run(args: ["team", "status", "--db", "{db}"], expect: .refused("not a team working copy"), formats: tables)]),
        "log": .run([Run(args: ["log", "--db", "{db}"], formats: tables),
                     Run(args: ["log", "--db", "{db}", "--round", "rel-1"], formats: tables),
                     Run(args: ["log", "--db", "{db}", "--who", "bzq"])]),
    ]

    /// The project: lead kim, coders ana (A) and bzq (B), adjudicator lee; blind round rel-1 with
    /// units assigned to both; B has coded (notes carry a marker), finished a unit and retracted a coding.
    struct Fixture {
        var dir: URL
        var db: String
        var passage: String
        var document: String
        var bCodingIds: [String]
        let caseId = "GULF-1990/EGY"
        static let marker = "MARKER-B-7f3a9"

        init() throws {
            let dir = try CLI.tempDir()
            let db = dir.appendingPathComponent("p.sqlite").path
            let caseId = self.caseId
            let out = dir.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            func must(_ args: [String], as who: String? = nil) throws -> String {
                let r = try CLI.run(args + ["--db", db] + (who.map { ["--as", $0] } ?? []))
                #expect(r.status == 0, "\(args): \(r.stderr)")
                return r.stdout
            }
            _ = try must(["import", "--no-progress", CLI.repoRoot.appendingPathComponent("Imports/transcripts").path])
            _ = try must(["codebook", "load", "Codebooks/buying-allies.yaml"])
            _ = try must(["register", "load", "Imports/register/buying-allies.yaml"])
            _ = try must(["coder", "add", "kim", "--role", "lead"])
            _ = try must(["coder", "add", "ana"], as: "kim")
            _ = try must(["coder", "add", "bzq"], as: "kim")
            _ = try must(["coder", "add", "lee", "--role", "adjudicator"], as: "kim")
            _ = try must(["round", "create", "rel-1", "--purpose", "reliability"], as: "kim")
            _ = try must(["assign", "--round", "rel-1", "--coders", "ana,bzq", "--case", caseId, "--query", "debt"], as: "kim")
            let queue = try must(["code", "queue", "--round", "rel-1", "--format", "csv"], as: "ana")
            let units = queue.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let first = try #require(units.first, "ana has units")
            let passage = String(first[1])
            let second = try #require(units.dropFirst().first.map { String($0[1]) })
            var ids: [String] = []
            for (p, criterion) in [(passage, "PAY.debt_relief"), (second, "WIR.link"), (passage, "OPP.quid_pro_quo")] {
                let added = try must(["code", "add", "--round", "rel-1", "--passage", p, "--case", caseId, "--criterion", criterion,
                                      "--note", "\(Self.marker) \(criterion)"], as: "bzq")
                ids.append(try #require(added.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }))
            }
            _ = try must(["code", "retract", ids[2], "--reason", "\(Self.marker) retracted"], as: "bzq")
            _ = try must(["code", "done", "--round", "rel-1", "--passage", passage, "--case", caseId], as: "bzq")
            // A unit only B has finished: counted on its own, it would put B's note into classify's evidence.
            _ = try must(["code", "done", "--round", "rel-1", "--passage", second, "--case", caseId], as: "bzq")
            _ = try must(["code", "add", "--round", "rel-1", "--passage", passage, "--case", caseId, "--criterion", "WIR.link",
                          "--note", "ana's own note"], as: "ana")
            _ = try must(["code", "done", "--round", "rel-1", "--passage", passage, "--case", caseId], as: "ana")
            // A CSV of A's own work, for `code import`.
            try Data("coder,round,passage,case,criterion,note\nana,rel-1,\(second),\(caseId),WIR.volunteered,from csv\n".utf8)
                .write(to: out.appendingPathComponent("ana.csv"))
            // A CSV in B's name, which A must not import while the round is blind (kept out of
            // the folder of written files, whose contents are checked for B's handle).
            try Data("coder,round,passage,case,criterion,note\nbzq,rel-1,\(second),\(caseId),WIR.volunteered,not B's\n".utf8)
                .write(to: dir.appendingPathComponent("as-bzq.csv"))
            self.dir = dir
            self.db = db
            self.passage = passage
            self.document = String(first[2])
            self.bCodingIds = ids
        }

        func fill(_ arg: String) -> String {
            arg.replacingOccurrences(of: "{db}", with: db)
                .replacingOccurrences(of: "{out}", with: dir.appendingPathComponent("out").path)
                .replacingOccurrences(of: "{in}", with: dir.path)
                .replacingOccurrences(of: "{repo}", with: CLI.repoRoot.path)
                .replacingOccurrences(of: "{P}", with: passage)
                .replacingOccurrences(of: "{doc}", with: document)
                .replacingOccurrences(of: "{B}", with: bCodingIds[0])
                .replacingOccurrences(of: "{case}", with: caseId)
        }

        /// What of B's work a text shows, if anything.
        func leaks(_ text: String, mayNameCoders: Bool) -> [String] {
            var found: [String] = []
            if text.contains(Self.marker) { found.append("B's note marker") }
            if !mayNameCoders, text.range(of: #"\bbzq\b"#, options: .regularExpression) != nil { found.append("B's handle") }
            let ids = Set(bCodingIds)
            for id in ids where text.range(of: #"(?i)\bcoding\s+#?"# + id + #"\b"#, options: .regularExpression) != nil {
                found.append("B's coding id \(id) in prose")
            }
            // In JSON: a coding object (it has a criterion_id) or a log event about a coding.
            func walk(_ value: Any) {
                if let array = value as? [Any] { array.forEach(walk) }
                guard let object = value as? [String: Any] else { return }
                if object["criterion_id"] != nil, let id = object["id"].map({ "\($0)" }), ids.contains(id) {
                    found.append("B's coding \(id) as JSON")
                }
                if object["entity"] as? String == "coding", let id = object["entity_id"].map({ "\($0)" }), ids.contains(id) {
                    found.append("a log event on B's coding \(id)")
                }
                object.values.forEach(walk)
            }
            if let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) { walk(json) }
            // In CSV: code list rows (id first, with a criterion_id column) and log rows (entity, entity_id).
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            if let header = lines.first {
                let entity = header.firstIndex(of: "entity"), entityId = header.firstIndex(of: "entity_id")
                for row in lines.dropFirst() {
                    if header.first == "id", header.contains("criterion_id"), let id = row.first, ids.contains(id) {
                        found.append("B's coding \(id) as CSV")
                    }
                    if let entity, let entityId, row.count > max(entity, entityId), row[entity] == "coding", ids.contains(row[entityId]) {
                        found.append("a log row on B's coding \(row[entityId])")
                    }
                }
            }
            return found
        }
    }

    /// The leaf commands of the built binary, as space-separated paths ("code add").
    static func leafCommands() throws -> [String] {
        try commandTree().map(\.path)
    }

    /// Each leaf command with the long names of its options, from the binary's own description.
    static func commandTree() throws -> [(path: String, options: Set<String>)] {
        let r = try CLI.run(["--experimental-dump-help"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var leaves: [(String, Set<String>)] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let subs = command["subcommands"] as? [[String: Any]] ?? []
            if subs.isEmpty, !path.isEmpty {
                let arguments = command["arguments"] as? [[String: Any]] ?? []
                let names = arguments.flatMap { ($0["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
                leaves.append((path.joined(separator: " "), Set(names)))
            }
            for s in subs { walk(s, path + [s["commandName"] as? String ?? "?"]) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return leaves
    }

    /// Every command that writes in several formats is run in at least one `--format` besides its
    /// default, so a leak in the JSON or CSV rendering alone is caught too.
    @Test func everyCommandWithFormatsIsRunWithAFormat() throws {
        let tree = try Self.commandTree()
        #expect(tree.filter { $0.options.contains("format") }.count > 20, "the options were read from the command tree")
        for (leaf, options) in tree where options.contains("format") {
            guard case .run(let runs) = Self.plan[leaf] else { continue }
            let withFormat = runs.contains { !$0.formats.isEmpty || $0.args.contains("--format") }
            #expect(withFormat, "`dossier \(leaf)` takes --format but BlindnessTests.plan never runs it with one")
        }
    }

    @Test func everyCommandRunAsCoderAKeepsCoderBsWorkHidden() throws {
        let leaves = try Self.leafCommands()
        #expect(leaves.count > 40, "the command tree was read: \(leaves)")
        for leaf in leaves where Self.plan[leaf] == nil {
            Issue.record("`dossier \(leaf)` has no entry in BlindnessTests.plan: say which arguments it needs (or why it never sees a project), so it is checked for blindness.")
        }
        for name in Self.plan.keys where !leaves.contains(name) {
            Issue.record("BlindnessTests.plan names `\(name)`, which the binary does not have.")
        }
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        var runs = 0
        for leaf in leaves {
            guard case .run(let list) = Self.plan[leaf] else { continue }
            for run in list {
                for format in run.formats.isEmpty ? [nil] : run.formats.map(Optional.some) {
                    let args = run.args.map(fixture.fill) + (format.map { ["--format", $0] } ?? [])
                    let r = try CLI.run(args, stdin: run.stdin, env: ["DOSSIER_CODER": "ana"])
                    runs += 1
                    let shown = "dossier \(args.joined(separator: " "))"
                    switch run.expect {
                    case .ok:
                        #expect(r.status == 0, "\(shown) failed: \(r.stderr)")
                    case .refused(let why):
                        #expect(r.status != 0, "\(shown) should be refused to coder A")
                        #expect(r.stderr.contains(why), "\(shown): \(r.stderr)")
                    }
                    for leak in fixture.leaks(r.stdout, mayNameCoders: run.mayNameCoders)
                        + fixture.leaks(r.stderr, mayNameCoders: run.mayNameCoders) {
                        Issue.record("\(shown) shows \(leak) to coder A:\n\(r.stdout)\n\(r.stderr)")
                    }
                }
            }
        }
        #expect(runs > 60)
        // Every file the commands wrote.
        let out = fixture.dir.appendingPathComponent("out")
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        #expect(files.contains { $0.lastPathComponent == "ana-packet.json" })
        for file in files where file.pathExtension != "sqlite" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for leak in fixture.leaks(text, mayNameCoders: false) {
                Issue.record("\(file.lastPathComponent) holds \(leak)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("b.json").path))
    }

    /// The gate opens when a lead closes the round: then A's classify and the log show B's work,
    /// which proves the fixture's marker and ids would be caught if they leaked earlier.
    @Test func closingTheRoundOpensItAndTheCheckWouldSeeB() throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let close = try CLI.run(["round", "close", "rel-1", "--db", fixture.db, "--as", "kim", "--force", "--reason", "test"])
        #expect(close.status == 0, "\(close.stderr)")
        let list = try CLI.run(["code", "list", "--db", fixture.db, "--round", "rel-1", "--include-retracted", "--format", "json"],
                               env: ["DOSSIER_CODER": "ana"])
        #expect(fixture.leaks(list.stdout, mayNameCoders: false).count >= 3, "\(list.stdout)")
        let log = try CLI.run(["log", "--db", fixture.db, "--round", "rel-1", "--as", "kim"])
        #expect(!fixture.leaks(log.stdout, mayNameCoders: false).isEmpty)
    }
}

/// The round lifecycle as a lead and coders meet it on the command line.
@Suite(.serialized) struct RoundLifecycleCLITests {
    @Test func assignTwiceStatusCloseReopen() throws {
        let fixture = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let db = fixture.db
        let again = try CLI.run(["assign", "--db", db, "--round", "rel-1", "--coders", "ana,bzq", "--case", fixture.caseId,
                                 "--query", "debt", "--as", "kim"])
        #expect(again.status == 0, "\(again.stderr)")
        let units = try CLI.run(["code", "queue", "--db", db, "--round", "rel-1", "--as", "ana", "--format", "csv"])
            .stdout.split(separator: "\n").count - 1
        #expect(again.stdout.hasPrefix("0 new units (\(units) already assigned)"), "\(again.stdout)")
        let list = try CLI.run(["round", "list", "--db", db, "--format", "json"])
        let rounds = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rounds.first?["units"] as? Int == units, "\(list.stdout)")

        let close = try CLI.run(["round", "close", "rel-1", "--db", db, "--as", "kim"])
        #expect(close.status != 0)
        #expect(close.stderr.contains("ana: 1 of \(units) units finished"), "\(close.stderr)")
        #expect(close.stderr.contains("bzq: 2 of \(units) units finished"), "\(close.stderr)")
        let status = try CLI.run(["round", "status", "rel-1", "--db", db, "--as", "kim", "--format", "csv"])
        #expect(status.stdout.hasPrefix("coder,assigned,finished,tagged,remaining,last_activity\nana,\(units),1,1,\(units - 1),"), "\(status.stdout)")
        let unitsView = try CLI.run(["round", "status", "rel-1", "--db", db, "--as", "kim", "--units", "--format", "json"])
        let perUnit = try #require(try JSONSerialization.jsonObject(with: Data(unitsView.stdout.utf8)) as? [String: Any])
        #expect((perUnit["units"] as? [Any])?.count == units)

        let forced = try CLI.run(["round", "close", "rel-1", "--db", db, "--as", "kim", "--force", "--reason", "pilot ends today"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let twice = try CLI.run(["round", "close", "rel-1", "--db", db, "--as", "lee"])
        #expect(twice.stderr.range(of: #"already closed on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by kim"#, options: .regularExpression) != nil,
                "\(twice.stderr)")
        let report = try CLI.run(["report", "--db", db, "--round", "rel-1", "-o", fixture.dir.appendingPathComponent("r.md").path,
                                  "--bootstrap", "20"])
        if report.status == 0 {
            let text = try String(contentsOf: fixture.dir.appendingPathComponent("r.md"), encoding: .utf8)
            #expect(text.contains("with unfinished units") && text.contains("pilot ends today"))
        } else {
            #expect(report.stderr.contains("agreement cannot be assessed"), "\(report.stderr)")
        }
        let reopen = try CLI.run(["round", "reopen", "rel-1", "--db", db, "--as", "kim", "--reason", "bzq finishes the rest"])
        #expect(reopen.status == 0, "\(reopen.stderr)")
        let blindAgain = try CLI.run(["reconcile", "--db", db, "--round", "rel-1", "--as", "ana"])
        #expect(blindAgain.stderr.contains("round rel-1 is blind until it is closed by a lead or adjudicator"))
    }
}
