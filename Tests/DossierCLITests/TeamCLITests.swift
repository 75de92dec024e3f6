import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The team server end to end, through the `dossier` binary and `psql`, against a real PostgreSQL
/// server named by `DOSSIER_TEST_POSTGRES` (a superuser URL, e.g.
/// postgres://postgres@127.0.0.1:55432/postgres; `.ci/run` starts a throwaway cluster and sets it).
/// Each test makes its own database and roles with a random suffix, and drops them afterwards.
@Suite(.serialized) struct TeamCLITests {
    struct Server {
        var admin: URLComponents
        var database: String
        var suffix: String
        var url: String { var u = admin; u.path = "/" + database; u.user = nil; return u.string! }
        var ownerURL: String { var u = admin; u.path = "/" + database; return u.string! }
        var port: String { String(admin.port ?? 5432) }
        var host: String { admin.host ?? "127.0.0.1" }

        static func make() throws -> Server? {
            guard let text = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"], let admin = URLComponents(string: text) else {
                return nil
            }
            let suffix = String(UUID().uuidString.prefix(6)).lowercased()
            let server = Server(admin: admin, database: "dossier_t_\(suffix)", suffix: suffix)
            let r = try server.psql(as: admin.user ?? "postgres", db: String(admin.path.dropFirst()), "CREATE DATABASE \(server.database)")
            #expect(r.status == 0, "create database: \(r.stderr)")
            return server
        }

        func psql(as user: String, db: String? = nil, _ sql: String) throws -> CLI.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user,
                                 "-d", db ?? database, "-c", sql]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLI.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }

        func drop(roles: [String]) throws {
            let superuser = admin.user ?? "postgres", adminDB = String(admin.path.dropFirst())
            _ = try psql(as: superuser, db: adminDB, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            for role in roles { _ = try psql(as: superuser, db: adminDB, "DROP ROLE IF EXISTS \(role)") }
        }
    }

    static var skipReason: String? {
        ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"] == nil
            ? "set DOSSIER_TEST_POSTGRES=postgres://postgres@HOST:PORT/postgres (a superuser URL) to run the team server tests" : nil
    }

    /// Lead, two coders and a blind round with the same units for both, in one project file.
    static func baseProject(in dir: URL, lead: String, a: String, b: String) throws -> (db: String, units: [String]) {
        let db = dir.appendingPathComponent("lead.sqlite").path
        func must(_ args: [String], as who: String? = nil) throws -> String {
            let r = try CLI.run(args + ["--db", db] + (who.map { ["--as", $0] } ?? []))
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r.stdout
        }
        _ = try must(["import", "--no-progress", CLI.repoRoot.appendingPathComponent("Imports/transcripts").path])
        _ = try must(["codebook", "load", "Codebooks/buying-allies.yaml"])
        _ = try must(["coder", "add", lead, "--role", "lead"])
        _ = try must(["coder", "add", a], as: lead)
        _ = try must(["coder", "add", b], as: lead)
        _ = try must(["round", "create", "rel-1", "--purpose", "reliability"], as: lead)
        _ = try must(["register", "load", "Imports/register/buying-allies.yaml"])
        _ = try must(["assign", "--round", "rel-1", "--coders", "\(a),\(b)", "--case", "GULF-1990/EGY", "--query", "debt"], as: lead)
        let queue = try must(["code", "queue", "--round", "rel-1", "--format", "csv"], as: a)
        let units = queue.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[1]) }
        return (db, units)
    }

    /// Runs a shell command and waits for it with waitpid (Foundation's Process did not notice
    /// the exit of a shell whose child daemonises, e.g. `pg_ctl start`).
    static func shell(_ command: String) throws -> Int32 {
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", command + " </dev/null >/dev/null 2>&1"]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }

    /// The named columns of a CSV listing, rows sorted (a naive split: these columns hold no commas).
    static func columns(_ csv: String, _ names: [String]) -> [String] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        let idx = names.compactMap { header.firstIndex(of: $0) }
        guard idx.count == names.count else { return ["missing columns in \(header)"] }
        return lines.dropFirst().map { row in idx.map { $0 < row.count ? row[$0] : "" }.joined(separator: "|") }.sorted()
    }

    /// The same work, done in whichever project `db` is.
    static func code(_ db: String, as who: String, units: [String], criteria: [String], marker: String) throws {
        for (i, unit) in units.enumerated() {
            for criterion in criteria where (i + criterion.count) % 2 == 0 {
                let r = try CLI.run(["code", "add", "--db", db, "--as", who, "--round", "rel-1", "--passage", unit, "--case", "GULF-1990/EGY",
                                     "--criterion", criterion, "--note", "\(marker) \(criterion)"])
                #expect(r.status == 0, "code add: \(r.stderr)")
            }
            let r = try CLI.run(["code", "done", "--db", db, "--as", who, "--round", "rel-1", "--passage", unit, "--case", "GULF-1990/EGY"])
            #expect(r.status == 0, "code done: \(r.stderr)")
        }
    }

    @Test(.enabled(if: skipReason == nil, "set DOSSIER_TEST_POSTGRES to run the team server tests"))
    func blindRoundOnATeamServerGivesTheFiguresOfASingleFile() throws {
        let server = try #require(try Server.make())
        let lead = "lea_\(server.suffix)", a = "ana_\(server.suffix)", b = "ben_\(server.suffix)"
        defer { try? server.drop(roles: [lead, a, b]) }
        let dir = try CLI.tempDir()
        let (leadDB, units) = try Self.baseProject(in: dir, lead: lead, a: a, b: b)
        #expect(units.count >= 3, "the round has units")
        // The single-file twin of the same project, made before anyone codes.
        let single = dir.appendingPathComponent("single.sqlite").path
        #expect(try CLI.run(["backup", "--db", leadDB, "--as", lead, single]).status == 0)

        // The lead sets up the server; coders join.
        let initRun = try CLI.run(["team", "init", "--db", leadDB, "--as", lead, server.ownerURL])
        #expect(initRun.status == 0, "team init: \(initRun.stderr)")
        #expect(initRun.stdout.contains("Published version 1"), "\(initRun.stdout)")
        let again = try CLI.run(["team", "publish", "--db", leadDB, "--as", lead])
        #expect(again.status == 0 && again.stdout.contains("Nothing changed"), "publishing twice stores nothing: \(again.stdout) \(again.stderr)")
        let aDB = dir.appendingPathComponent("ana.sqlite").path, bDB = dir.appendingPathComponent("ben.sqlite").path
        for (who, db) in [(a, aDB), (b, bDB)] {
            let r = try CLI.run(["team", "join", "--db", db, "--as", who, server.url])
            #expect(r.status == 0, "team join \(who): \(r.stderr)")
        }
        let criteria = ["PAY.debt_relief", "WIR.link", "OPP.quid_pro_quo", "CRC.leverage"]
        try Self.code(aDB, as: a, units: units, criteria: criteria, marker: "A-NOTE")
        try Self.code(bDB, as: b, units: units, criteria: Array(criteria.prefix(3)), marker: "B-SECRET-\(server.suffix)")
        try Self.code(single, as: a, units: units, criteria: criteria, marker: "A-NOTE")
        try Self.code(single, as: b, units: units, criteria: Array(criteria.prefix(3)), marker: "B-SECRET-\(server.suffix)")

        // Codings reached the server as they were made; a sync then has nothing left to send.
        let pushCount = { try server.psql(as: server.admin.user ?? "postgres", "SELECT count(*) FROM team_audit WHERE action = 'push'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines) }
        let before = try pushCount()
        #expect((Int(before) ?? 0) >= 2 * units.count, "each coding command sent its work: \(before) pushes")
        for (who, db) in [(a, aDB), (b, bDB)] {
            let sync = try CLI.run(["team", "sync", "--db", db])
            #expect(sync.status == 0 && sync.stdout.contains("already on the server"), "\(who) sync: \(sync.stdout) \(sync.stderr)")
        }
        #expect(try pushCount() == before, "a sync after the fact sent nothing twice")
        let packets = try server.psql(as: server.admin.user ?? "postgres", "SELECT coder, count(*) FROM team_work GROUP BY coder ORDER BY coder")
        #expect(packets.stdout.split(separator: "\n").map(String.init) == ["\(a)|1", "\(b)|1"], "one packet per coder: \(packets.stdout)")

        // Row-level security: connected as A, B's rows do not exist, and A cannot write as B.
        let seen = try server.psql(as: a, "SELECT DISTINCT coder FROM team_coding UNION SELECT DISTINCT coder FROM team_work")
        #expect(seen.status == 0 && seen.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == a, "A sees only A: \(seen.stdout) \(seen.stderr)")
        let notes = try server.psql(as: a, "SELECT count(*) FROM team_work WHERE packet::text LIKE '%B-SECRET%'")
        #expect(notes.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let forged = try server.psql(as: a, """
            INSERT INTO team_coding (key, round, coder, document, anchor, case_id, criterion, direction, created_at)
            VALUES ('forged', 'rel-1', '\(b)', 'd', 'a', 'GULF-1990/EGY', 'WIR.link', 'supports', now())
            """)
        #expect(forged.status != 0 && forged.stderr.contains("row-level security"), "A cannot insert as B: \(forged.stderr)")
        let leadPeek = try server.psql(as: lead, "SELECT count(*) FROM team_coding")
        #expect(leadPeek.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "while blind and open, even the lead reads nobody's codings")
        // The audit log is append-only, and each event names the role that wrote it.
        let tamper = try server.psql(as: a, "UPDATE team_audit SET action = 'x'")
        #expect(tamper.status != 0, "a member cannot change the audit log")
        let ownerTamper = try server.psql(as: server.admin.user ?? "postgres", "DELETE FROM team_audit")
        #expect(ownerTamper.status != 0 && ownerTamper.stderr.contains("append-only"), "\(ownerTamper.stderr)")
        let writers = try server.psql(as: server.admin.user ?? "postgres", "SELECT DISTINCT pg_role FROM team_audit WHERE action = 'push' ORDER BY 1")
        #expect(writers.stdout.split(separator: "\n").map(String.init) == [a, b])

        // `round status` and `code queue` in a working copy report the server's view: the lead's copy
        // holds nobody's work yet, but its progress figures are those of the single file.
        let progressColumns = ["coder", "assigned", "finished", "tagged", "remaining"]
        let teamProgress = try CLI.run(["round", "status", "rel-1", "--db", leadDB, "--as", lead, "--format", "csv"])
        let fileProgress = try CLI.run(["round", "status", "rel-1", "--db", single, "--as", lead, "--format", "csv"])
        #expect(teamProgress.status == 0 && teamProgress.stderr.contains("Progress as the team server"), "\(teamProgress.stderr)")
        #expect(Self.columns(teamProgress.stdout, progressColumns) == Self.columns(fileProgress.stdout, progressColumns),
                "server progress equals the single file's:\n\(teamProgress.stdout)\n---\n\(fileProgress.stdout)")
        #expect(Self.columns(teamProgress.stdout, ["coder", "finished"]) == ["\(a)|\(units.count)", "\(b)|\(units.count)"], "\(teamProgress.stdout)")
        let byUnit = ["round", "status", "rel-1", "--units", "--format", "csv", "--as", lead]
        let teamUnits = try CLI.run(byUnit + ["--db", leadDB]), fileUnits = try CLI.run(byUnit + ["--db", single])
        #expect(teamUnits.status == 0 && teamUnits.stdout == fileUnits.stdout, "per unit too: \(teamUnits.stdout) \(teamUnits.stderr)")
        let queueOfB = ["code", "queue", "--round", "rel-1", "--coder", b, "--format", "csv", "--as", lead]
        let teamQueue = try CLI.run(queueOfB + ["--db", leadDB])
        let fileQueue = try CLI.run(queueOfB + ["--db", single])
        #expect(teamQueue.status == 0 && teamQueue.stdout == fileQueue.stdout, "\(teamQueue.stdout) \(teamQueue.stderr)")
        #expect(teamQueue.stdout.components(separatedBy: ",GULF-1990/EGY,yes,").count - 1 == units.count, "B's queue, from the server: \(teamQueue.stdout)")
        // In A's copy the server answers as A's role: A's own line only, whoever A claims to be.
        for who in [a, lead] {
            for args in [["round", "status", "rel-1", "--format", "csv"], ["round", "status", "rel-1", "--units", "--format", "csv"]] {
                let r = try CLI.run(args + ["--db", aDB, "--as", who])
                if who == a && args.contains("--units") { #expect(r.status != 0); continue }
                #expect(r.status == 0 && r.stdout.contains(a) && !r.stdout.contains(b) && !r.stderr.contains(b), "\(who) \(args): \(r.stdout) \(r.stderr)")
            }
        }
        let hidden = try CLI.run(["code", "queue", "--round", "rel-1", "--coder", b, "--db", aDB, "--as", lead])
        #expect(hidden.status != 0 && hidden.stderr.contains("does not show") && !hidden.stdout.contains("GULF"), "\(hidden.stdout) \(hidden.stderr)")
        for sql in ["SELECT DISTINCT coder FROM dossier_round_tally('rel-1')", "SELECT DISTINCT coder FROM dossier_round_done('rel-1')"] {
            let rows = try server.psql(as: a, sql)
            #expect(rows.status == 0 && rows.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == a, "\(sql) as A: \(rows.stdout) \(rows.stderr)")
        }

        // Nothing of B reaches A's copy or A's status; a coder cannot close the round.
        let status = try CLI.run(["team", "status", "--db", aDB, "--format", "csv"])
        #expect(status.status == 0 && !status.stdout.contains(b), "A's status shows only A: \(status.stdout) \(status.stderr)")
        let aList = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"])
        #expect(!aList.stdout.contains("B-SECRET"))
        let early = try CLI.run(["team", "close", "rel-1", "--db", aDB])
        #expect(early.status != 0 && early.stderr.contains("only a lead or adjudicator"), "\(early.stderr)")

        // The lead closes the round on the server; their copy then holds everyone's work.
        let close = try CLI.run(["team", "close", "rel-1", "--db", leadDB, "--as", lead])
        #expect(close.status == 0, "team close: \(close.stdout) \(close.stderr)")
        #expect(close.stdout.contains("Brought in \(b)'s work"), "\(close.stdout)")
        let closedAgain = try CLI.run(["team", "close", "rel-1", "--db", leadDB, "--as", lead])
        #expect(closedAgain.status != 0 && closedAgain.stderr.contains("already closed"), "\(closedAgain.stderr)")
        #expect(try CLI.run(["round", "close", "rel-1", "--db", single, "--as", lead]).status == 0)

        // The same figures as the single project file.
        for args in [["reconcile", "--round", "rel-1", "--format", "csv", "--seed", "7"],
                     ["classify", "--round", "rel-1", "--format", "csv"]] {
            let team = try CLI.run(args + ["--db", leadDB, "--as", lead])
            let file = try CLI.run(args + ["--db", single, "--as", lead])
            #expect(team.status == 0 && file.status == 0, "\(args): \(team.stderr) \(file.stderr)")
            #expect(team.stdout == file.stdout, "\(args.prefix(2)) on the team copy equals the single file:\n\(team.stdout)\n---\n\(file.stdout)")
            #expect(team.stdout.count > 100, "\(args.prefix(2)) printed figures")
        }
        // The exports and the report too (the report's "Generated" line is the moment it was written).
        for args in [["export", "cases", "--round", "rel-1", "--format", "csv"], ["export", "evidence", "--round", "rel-1", "--format", "markdown"]] {
            let team = try CLI.run(args + ["--db", leadDB, "--as", lead]), file = try CLI.run(args + ["--db", single, "--as", lead])
            #expect(team.status == 0 && team.stdout == file.stdout && team.stdout.count > 100, "\(args.prefix(2)): \(team.stderr) \(file.stderr)")
        }
        var reports: [[String]] = []
        for (db, name) in [(leadDB, "team"), (single, "file")] {
            let folder = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let out = folder.appendingPathComponent("report.md").path
            let r = try CLI.run(["report", "--round", "rel-1", "-o", out, "--bootstrap", "200", "--db", db, "--as", lead])
            #expect(r.status == 0, "report: \(r.stderr)")
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            let long = (try? String(contentsOf: folder.appendingPathComponent("report-reliability-long.csv"), encoding: .utf8)) ?? ""
            reports.append([text.split(separator: "\n").filter { !$0.contains("Generated") && !$0.contains("**Project:**") }.joined(separator: "\n"), long])
        }
        #expect(reports[0][0] == reports[1][0] && reports[0][0].contains("Krippendorff's alpha"), "the report's figures are the single file's")
        #expect(reports[0][1] == reports[1][1] && reports[0][1].count > 100, "and its reliability data")
        // Every coding arrived as it was made (ids and timestamps are each copy's own).
        let listing = ["code", "list", "--round", "rel-1", "--format", "csv"]
        let teamCodings = Self.columns(try CLI.run(listing + ["--db", leadDB, "--as", lead]).stdout, ["coder", "passage_id", "case_id", "criterion_id", "direction", "note"])
        let fileCodings = Self.columns(try CLI.run(listing + ["--db", single, "--as", lead]).stdout, ["coder", "passage_id", "case_id", "criterion_id", "direction", "note"])
        #expect(teamCodings == fileCodings && teamCodings.count > units.count, "the same codings: \(teamCodings.count) vs \(fileCodings.count)")
        // A's copy, not synced since the close, says so when read; then holds nothing of B after its
        // sync (coders only ever read their own).
        let beforeSync = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1"])
        #expect(beforeSync.stderr.contains("round rel-1 was closed on the team server by \(lead)") && beforeSync.stderr.contains("still open in this copy"),
                "\(beforeSync.stderr)")
        #expect(try CLI.run(["team", "sync", "--db", aDB]).status == 0)
        let afterSync = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1"])
        #expect(afterSync.status == 0 && !afterSync.stderr.contains("behind the team server"), "in step after the sync: \(afterSync.stderr)")
        let aAfter = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"])
        #expect(aAfter.status == 0 && !aAfter.stdout.contains("B-SECRET"), "\(aAfter.stderr)")
    }

    @Test(.enabled(if: skipReason == nil, "set DOSSIER_TEST_POSTGRES to run the team server tests"))
    func workSurvivesAnUnreachableServerAndANewPublication() throws {
        let server = try #require(try Server.make())
        let lead = "lea_\(server.suffix)", a = "ana_\(server.suffix)", b = "ben_\(server.suffix)"
        defer { try? server.drop(roles: [lead, a, b]) }
        let dir = try CLI.tempDir()
        let (leadDB, units) = try Self.baseProject(in: dir, lead: lead, a: a, b: b)
        #expect(try CLI.run(["team", "init", "--db", leadDB, "--as", lead, server.ownerURL]).status == 0)
        let aDB = dir.appendingPathComponent("ana.sqlite").path
        #expect(try CLI.run(["team", "join", "--db", aDB, "--as", a, server.url]).status == 0)
        let refused = try CLI.run(["team", "join", "--db", aDB, "--as", a, server.url])
        #expect(refused.status != 0 && refused.stderr.contains("already exists"))

        // The server goes away: stopped for real when the environment says how (.ci/run does),
        // else made unreachable by pointing the copy's link at a port nobody listens on.
        let env = ProcessInfo.processInfo.environment
        let stopStart = env["DOSSIER_TEST_PG_STOP"].flatMap { stop in env["DOSSIER_TEST_PG_START"].map { (stop, $0) } }
        let linkURL = URL(fileURLWithPath: aDB + ".team")
        let link = try String(contentsOf: linkURL, encoding: .utf8)
        if let (stop, _) = stopStart {
            #expect(try Self.shell(stop) == 0, "the cluster stopped")
        } else {
            try link.replacingOccurrences(of: ":\(server.port)/", with: ":9/").write(to: linkURL, atomically: true, encoding: .utf8)
        }
        try Self.code(aDB, as: a, units: Array(units.prefix(2)), criteria: ["WIR.link", "PAY.debt_relief"], marker: "offline")
        let queued = try CLI.run(["code", "add", "--db", aDB, "--as", a, "--round", "rel-1", "--passage", units[2], "--case", "GULF-1990/EGY",
                                  "--criterion", "CRC.leverage", "--note", "offline too"])
        #expect(queued.status == 0 && queued.stderr.contains("not sent to the team server yet"), "coding goes on offline: \(queued.stderr)")
        let localStatus = try CLI.run(["round", "status", "rel-1", "--db", aDB, "--as", a, "--format", "csv"])
        #expect(localStatus.status == 0 && localStatus.stderr.contains("this working copy's own figures") && localStatus.stderr.contains("not reachable"),
                "progress falls back to the copy: \(localStatus.stdout) \(localStatus.stderr)")
        #expect(Self.columns(localStatus.stdout, ["coder", "finished"]) == ["\(a)|2"], "\(localStatus.stdout)")
        let unchecked = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"])
        #expect(unchecked.status == 0 && unchecked.stderr.contains("could not compare this working copy with the team server") && unchecked.stdout.contains("offline too"),
                "a read says it could not check, and reads the copy: \(unchecked.stderr)")
        let offline = try CLI.run(["team", "sync", "--db", aDB])
        #expect(offline.status != 0 && offline.stderr.contains("not reachable") && offline.stderr.contains("kept in this copy"), "\(offline.stderr)")
        if let (_, start) = stopStart {
            #expect(try Self.shell(start) == 0, "the cluster started again")
        } else {
            try link.write(to: linkURL, atomically: true, encoding: .utf8)
        }
        // Back, before the sync: every command that reads the copy itself says what has not been sent.
        let reads: [[String]] = [["code", "list", "--round", "rel-1"], ["reconcile", "--round", "rel-1"], ["classify", "--round", "rel-1"],
                                 ["report", "--round", "rel-1", "-o", dir.appendingPathComponent("r.md").path],
                                 ["export", "cases", "--round", "rel-1"], ["export", "evidence", "--round", "rel-1", "--format", "markdown"],
                                 ["export", "annotations", "--round", "rel-1", "-o", dir.appendingPathComponent("a.jsonld").path],
                                 ["export", "refi", "--round", "rel-1", "-o", dir.appendingPathComponent("a.qdpx").path],
                                 ["adjudicate", "--round", "rel-1", "--list"]]
        for args in reads {
            let r = try CLI.run(args + ["--db", aDB, "--as", a])
            #expect(r.stderr.contains("note: this working copy is behind the team server: round rel-1:") && r.stderr.contains("not yet sent to the team server; run `dossier team sync`"),
                    "\(args.prefix(2)): \(r.stderr)")
        }
        let back = try CLI.run(["team", "sync", "--db", aDB])
        #expect(back.status == 0 && back.stdout.contains("Sent your work in rel-1"), "\(back.stdout) \(back.stderr)")
        let serverStatus = try CLI.run(["round", "status", "rel-1", "--db", aDB, "--as", a, "--format", "csv"])
        #expect(serverStatus.stderr.contains("Progress as the team server") && Self.columns(serverStatus.stdout, ["coder", "finished"]) == ["\(a)|2"],
                "after the sync the server holds the offline work: \(serverStatus.stdout) \(serverStatus.stderr)")
        // last_activity is A's last logged event (the offline coding), as in a project file, not when the sync sent it.
        let aEvents = Self.columns(try CLI.run(["log", "--db", aDB, "--as", a, "--round", "rel-1", "--who", a, "--format", "csv"]).stdout, ["at"])
        let lastLogged = try #require(aEvents.max())
        #expect(Self.columns(serverStatus.stdout, ["coder", "last_activity"]) == ["\(a)|\(lastLogged)"], "\(serverStatus.stdout) vs \(aEvents)")

        // A sync interrupted in the middle of sending (the server fails the transaction at a coding
        // row, after the packet was written) stores nothing of it; run again, it sends everything once.
        let su = server.admin.user ?? "postgres"
        #expect(try server.psql(as: su, """
            CREATE FUNCTION test_interrupt() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.note LIKE 'interrupted 2%' THEN RAISE EXCEPTION 'connection lost (simulated)'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER test_interrupt BEFORE INSERT ON team_coding FOR EACH ROW EXECUTE FUNCTION test_interrupt();
            """).status == 0)
        let unit = try #require(units.count >= 4 ? units[3] : nil)
        for (n, criterion) in ["WIR.link", "PAY.debt_relief", "CRC.leverage"].enumerated() {
            let r = try CLI.run(["code", "add", "--db", aDB, "--as", a, "--round", "rel-1", "--passage", unit, "--case", "GULF-1990/EGY",
                                 "--criterion", criterion, "--note", "interrupted \(n + 1)"])
            #expect(r.status == 0, "the coding is stored in the copy whatever the server does: \(r.stderr)")
            #expect(n == 0 || r.stderr.contains("not sent to the team server yet"), "\(n): \(r.stderr)")
        }
        let broken = try CLI.run(["team", "sync", "--db", aDB])
        #expect(broken.status != 0 && broken.stderr.contains("connection lost"), "\(broken.stdout) \(broken.stderr)")
        let sentNotes = { try server.psql(as: su, "SELECT note FROM team_coding WHERE note LIKE 'interrupted%' ORDER BY note").stdout
            .split(separator: "\n").map(String.init) }
        #expect(try sentNotes() == ["interrupted 1"], "nothing of the interrupted transaction was kept")
        let packetNotes = try server.psql(as: su, "SELECT packet::text LIKE '%interrupted 3%' FROM team_work WHERE coder = '\(a)'")
        #expect(packetNotes.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "f", "the packet written before the failure was rolled back too")
        #expect(try server.psql(as: su, "DROP TRIGGER test_interrupt ON team_coding").status == 0)
        let resumed = try CLI.run(["team", "sync", "--db", aDB])
        #expect(resumed.status == 0 && resumed.stdout.contains("Sent your work in rel-1"), "\(resumed.stdout) \(resumed.stderr)")
        #expect(try sentNotes() == ["interrupted 1", "interrupted 2", "interrupted 3"], "everything arrived, once")
        let pushes = { try server.psql(as: su, "SELECT count(*) FROM team_audit WHERE action = 'push' AND pg_role = '\(a)'").stdout }
        let pushesBefore = try pushes()
        let idle = try CLI.run(["team", "sync", "--db", aDB])
        let pushesAfter = try pushes()
        #expect(idle.status == 0 && idle.stdout.contains("already on the server") && pushesAfter == pushesBefore, "\(idle.stdout)")
        let live = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"]).stdout
            .split(separator: "\n").count - 1
        let onServer = try server.psql(as: su, "SELECT count(*) FROM team_coding WHERE coder = '\(a)' AND retracted_at IS NULL").stdout
        #expect(onServer.trimmingCharacters(in: .whitespacesAndNewlines) == "\(live)", "the server holds exactly the copy's live codings")

        // The lead adds a round and publishes: A's next sync rebuilds the copy, keeping A's work and the old file.
        #expect(try CLI.run(["round", "create", "rel-2", "--purpose", "reliability", "--db", leadDB, "--as", lead]).status == 0)
        let published = try CLI.run(["team", "publish", "--db", leadDB, "--as", lead])
        #expect(published.status == 0 && published.stdout.contains("Published version 2"), "\(published.stdout) \(published.stderr)")
        let stale = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1"])
        #expect(stale.status == 0 && stale.stderr.contains("the lead published version 2 of the project; this copy is built from version 1"), "\(stale.stderr)")
        let rebuilt = try CLI.run(["team", "sync", "--db", aDB])
        #expect(rebuilt.status == 0 && rebuilt.stdout.contains("Rebuilt this copy from published version 2"), "\(rebuilt.stdout) \(rebuilt.stderr)")
        let rounds = try CLI.run(["round", "list", "--db", aDB, "--format", "csv"])
        #expect(rounds.stdout.contains("rel-2"))
        let mine = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"])
        #expect(mine.stdout.components(separatedBy: "offline").count - 1 >= 3, "A's work survived the rebuild: \(mine.stdout)")
        #expect(FileManager.default.fileExists(atPath: aDB + ".before-v2"))
        let afterRebuild = try CLI.run(["team", "sync", "--db", aDB])
        #expect(afterRebuild.status == 0 && afterRebuild.stdout.contains("already on the server") && !afterRebuild.stdout.contains("Sent your work"),
                "a rebuilt copy sends nothing again: \(afterRebuild.stdout) \(afterRebuild.stderr)")
        let liveAfter = try CLI.run(["code", "list", "--db", aDB, "--as", a, "--round", "rel-1", "--format", "csv"]).stdout.split(separator: "\n").count - 1
        let onServerAfter = try server.psql(as: su, "SELECT count(*) FROM team_coding WHERE coder = '\(a)' AND retracted_at IS NULL").stdout
        #expect(onServerAfter.trimmingCharacters(in: .whitespacesAndNewlines) == "\(liveAfter)", "no coding twice on the server after the rebuild")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".joining") || $0.contains(".rebuilding") }
        #expect(leftovers.isEmpty, "no staging files left beside the copies: \(leftovers)")
        // A lead's owner connection adds a member with a password read from standard input; a coder cannot.
        let c = "cy_\(server.suffix)"
        defer { try? server.drop(roles: [c]) }
        let added = try CLI.run(["team", "add", c, "--role", "adjudicator", "--server", server.ownerURL, "--password-stdin"], stdin: "s3cret-\(server.suffix)\n")
        #expect(added.status == 0 && added.stdout.contains("password set") && !added.stdout.contains("s3cret"), "\(added.stdout) \(added.stderr)")
        let member = try server.psql(as: server.admin.user ?? "postgres", "SELECT role FROM team_member WHERE handle = '\(c)'")
        #expect(member.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "adjudicator")
        let hasPassword = try server.psql(as: server.admin.user ?? "postgres", "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = '\(c)'")
        #expect(hasPassword.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "t")
        var asCoder = URLComponents(string: server.url)!
        asCoder.user = a
        let byCoder = try CLI.run(["team", "add", "zz_\(server.suffix)", "--server", asCoder.string!])
        #expect(byCoder.status != 0 && byCoder.stderr.contains("permission denied"), "\(byCoder.stderr)")
        // A password on the command line is refused before anything is sent.
        let pw = try CLI.run(["team", "join", "--db", dir.appendingPathComponent("x.sqlite").path, "--as", a, "postgres://ana:secret@127.0.0.1/x"])
        #expect(pw.status != 0 && pw.stderr.contains("PGPASSWORD") && !pw.stderr.contains("secret"), "\(pw.stderr)")
    }

    /// The coding commands beyond `code add` (`code import`, `code retract`, a scripted `code
    /// session`), then `adjudicate`, `reconcile`, `classify`, the report and every export, once through
    /// team working copies and once in a single project file: the same figures and the same files.
    /// Normalised only where the two legitimately differ, each said where it is done.
    @Test(.enabled(if: skipReason == nil, "set DOSSIER_TEST_POSTGRES to run the team server tests"))
    func everyCodingCommandGivesTheFiguresOfASingleFile() throws {
        let server = try #require(try Server.make())
        let lead = "lea_\(server.suffix)", a = "ana_\(server.suffix)", b = "ben_\(server.suffix)", pi = "pi_\(server.suffix)"
        defer { try? server.drop(roles: [lead, a, b, pi]) }
        let dir = try CLI.tempDir()
        let (leadDB, units) = try Self.baseProject(in: dir, lead: lead, a: a, b: b)
        #expect(units.count >= 4, "the round has units")
        #expect(try CLI.run(["coder", "add", pi, "--role", "adjudicator", "--db", leadDB, "--as", lead]).status == 0)
        let single = dir.appendingPathComponent("single.sqlite").path
        #expect(try CLI.run(["backup", "--db", leadDB, "--as", lead, single]).status == 0)
        #expect(try CLI.run(["team", "init", "--db", leadDB, "--as", lead, server.ownerURL]).status == 0)
        let aDB = dir.appendingPathComponent("ana.sqlite").path, bDB = dir.appendingPathComponent("ben.sqlite").path
        for (who, db) in [(a, aDB), (b, bDB)] {
            let r = try CLI.run(["team", "join", "--db", db, "--as", who, server.url])
            #expect(r.status == 0, "team join \(who): \(r.stderr)")
        }

        // B first (so the single file numbers B's codings and notes before A's, unlike a copy that
        // brings in A's work first): a scripted coding session, the same keystrokes in both: tags, a
        // tag against, a note on the unit, none applies.
        var keys = ""
        for i in units.indices {
            switch i % 3 {
            case 0: keys += "1 3\n\n"
            case 1: keys += "m the date is doubtful\n-2\n\n"
            default: keys += "0\n"
            }
        }
        keys += "q\n"
        for (db, place) in [(bDB, "team"), (single, "file")] {
            let session = try CLI.run(["code", "session", "--db", db, "--as", b, "--round", "rel-1"], stdin: keys)
            #expect(session.status == 0, "\(place) code session: \(session.stderr)")
            #expect(place == "file" || session.stderr.contains("(sent to the team server)"), "\(session.stderr)")
        }
        // A: a CSV of codings (some against the criterion), every unit finished; then one withdrawn.
        var csv = "coder,round,case,passage,criterion,direction,note,done\n"
        for (i, unit) in units.enumerated() {
            csv += "\(a),rel-1,GULF-1990/EGY,\(unit),WIR.link,supports,imported \(i),yes\n"
            if i % 2 == 0 { csv += "\(a),rel-1,GULF-1990/EGY,\(unit),PAY.debt_relief,\(i % 4 == 0 ? "supports" : "contradicts"),,yes\n" }
        }
        let csvFile = dir.appendingPathComponent("ana-rel-1.csv")
        try csv.write(to: csvFile, atomically: true, encoding: .utf8)
        for (db, place) in [(aDB, "team"), (single, "file")] {
            let imported = try CLI.run(["code", "import", csvFile.path, "--db", db, "--as", a])
            #expect(imported.status == 0 && imported.stdout.contains("unit(s) marked done"), "\(place) code import: \(imported.stdout) \(imported.stderr)")
            #expect(place == "file" || imported.stderr.contains("(sent to the team server)"), "\(imported.stderr)")
            // Coding ids are each project's own: find the one to withdraw by what it is.
            let listed = try CLI.run(["code", "list", "--db", db, "--as", a, "--round", "rel-1", "--criterion", "WIR.link", "--format", "csv"])
            let id = try #require(Self.columns(listed.stdout, ["passage_id", "id"]).first { $0.hasPrefix("\(units[1])|") }?.split(separator: "|").last)
            let retracted = try CLI.run(["code", "retract", String(id), "--db", db, "--as", a, "--reason", "misread the date"])
            #expect(retracted.status == 0, "\(place) code retract: \(retracted.stderr)")
            #expect(place == "file" || retracted.stderr.contains("(sent to the team server)"), "\(retracted.stderr)")
        }
        let bDone = try CLI.run(["round", "status", "rel-1", "--db", bDB, "--as", b, "--format", "csv"])
        #expect(Self.columns(bDone.stdout, ["coder", "finished"]) == ["\(b)|\(units.count)"], "B's session finished every unit: \(bDone.stdout) \(bDone.stderr)")

        // The lead closes the round on the server (it brings in everyone's work), and the file's round too.
        let close = try CLI.run(["team", "close", "rel-1", "--db", leadDB, "--as", lead])
        #expect(close.status == 0 && close.stdout.contains("Brought in \(a)'s work") && close.stdout.contains("Brought in \(b)'s work"),
                "team close: \(close.stdout) \(close.stderr)")
        #expect(try CLI.run(["round", "close", "rel-1", "--db", single, "--as", lead]).status == 0)
        // The adjudicator joins once the round is closed: the copy holds everyone's work in it.
        let piDB = dir.appendingPathComponent("pi.sqlite").path
        let piJoin = try CLI.run(["team", "join", "--db", piDB, "--as", pi, server.url])
        #expect(piJoin.status == 0 && piJoin.stdout.contains("Brought in \(b)'s work"), "\(piJoin.stdout) \(piJoin.stderr)")
        // The same live codings (ids and times are each project's own). A withdrawn coding stays
        // a row in its coder's copy and on the server (team_coding.retracted_at), not in others' copies.
        let listing = ["code", "list", "--round", "rel-1", "--format", "csv", "--as", pi]
        let shape = ["coder", "passage_id", "case_id", "criterion_id", "direction", "span_start", "span_end", "quote", "note", "test", "attributes"]
        let teamCodings = Self.columns(try CLI.run(listing + ["--db", piDB]).stdout, shape)
        let fileCodings = Self.columns(try CLI.run(listing + ["--db", single]).stdout, shape)
        #expect(teamCodings == fileCodings && teamCodings.count > units.count, "the same codings: \(teamCodings) vs \(fileCodings)")
        let withdrawn = try server.psql(as: server.admin.user ?? "postgres", "SELECT coder, criterion FROM team_coding WHERE retracted_at IS NOT NULL")
        #expect(withdrawn.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(a)|WIR.link", "A's withdrawal reached the server: \(withdrawn.stdout)")

        // The lead adjudicates the first two open disagreements, in both.
        let openList = ["adjudicate", "--round", "rel-1", "--list", "--format", "csv", "--as", pi]
        let teamOpen = try CLI.run(openList + ["--db", piDB]), fileOpen = try CLI.run(openList + ["--db", single])
        #expect(teamOpen.status == 0 && teamOpen.stdout == fileOpen.stdout, "the same disagreements:\n\(teamOpen.stdout)\n---\n\(fileOpen.stdout)")
        let disagreements = Self.columns(teamOpen.stdout, ["passage_id", "case_id", "criterion"])
        #expect(disagreements.count >= 2, "there is something to adjudicate: \(teamOpen.stdout)")
        let byLead = try CLI.run(["adjudicate", "--round", "rel-1", "--db", leadDB, "--as", lead, "--passage", units[0], "--case", "GULF-1990/EGY",
                                  "--criterion", "WIR.link", "--present", "yes", "--rationale", "x"])
        #expect(byLead.status != 0 && byLead.stderr.contains("\(lead) is a lead, not an adjudicator"), "only adjudicators decide: \(byLead.stderr)")
        for d in disagreements.prefix(2) {
            let f = d.split(separator: "|").map(String.init)
            for db in [piDB, single] {
                let r = try CLI.run(["adjudicate", "--round", "rel-1", "--db", db, "--as", pi, "--passage", f[0], "--case", f[1],
                                     "--criterion", f[2], "--present", "yes", "--rationale", "the annex says so"])
                #expect(r.status == 0, "adjudicate: \(r.stderr)")
                #expect(db == single || r.stderr.contains("(sent to the team server)"), "the decision goes to the server: \(r.stderr)")
            }
        }
        // The lead's copy brings in the adjudicator's decisions with its next sync; coders' roles read none.
        let leadSync = try CLI.run(["team", "sync", "--db", leadDB])
        #expect(leadSync.status == 0 && leadSync.stdout.contains("Brought in \(pi)'s decisions in rel-1: 2 recorded"), "\(leadSync.stdout) \(leadSync.stderr)")
        let decisionsAll = ["adjudicate", "--round", "rel-1", "--list", "--all", "--format", "csv", "--as", lead]
        let leadDecisions = try CLI.run(decisionsAll + ["--db", leadDB]), fileDecisions = try CLI.run(decisionsAll + ["--db", single])
        #expect(leadDecisions.status == 0 && leadDecisions.stdout == fileDecisions.stdout && leadDecisions.stdout.contains("the annex says so"),
                "the lead's copy holds the decisions: \(leadDecisions.stdout) \(leadDecisions.stderr)")
        #expect(try CLI.run(["team", "sync", "--db", leadDB]).stdout.contains("decisions") == false, "brought in once")
        // A new publication rebuilds the adjudicator's copy: their own decisions come back from the server.
        let piDecisionsBefore = try CLI.run(decisionsAll + ["--db", piDB]).stdout
        #expect(try CLI.run(["round", "create", "rel-2", "--purpose", "reliability", "--db", leadDB, "--as", lead]).status == 0)
        #expect(try CLI.run(["team", "publish", "--db", leadDB, "--as", lead]).stdout.contains("Published version 2"))
        let piRebuilt = try CLI.run(["team", "sync", "--db", piDB])
        #expect(piRebuilt.status == 0 && piRebuilt.stdout.contains("Rebuilt this copy from published version 2")
                && piRebuilt.stdout.contains("Brought in \(pi)'s decisions in rel-1: 2 recorded"), "\(piRebuilt.stdout) \(piRebuilt.stderr)")
        #expect(try CLI.run(decisionsAll + ["--db", piDB]).stdout == piDecisionsBefore, "the rebuilt copy holds the same decisions")
        let coderReads = try server.psql(as: a, "SELECT count(*) FROM team_decision")
        #expect(coderReads.status == 0 && coderReads.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(coderReads.stdout) \(coderReads.stderr)")
        let forgedDecision = try server.psql(as: lead, "INSERT INTO team_decision (round, adjudicator, content_hash, decisions) VALUES ('rel-1', '\(pi)', 'x', 'x')")
        #expect(forgedDecision.status != 0 && forgedDecision.stderr.contains("row-level security"), "nobody writes decisions as the adjudicator: \(forgedDecision.stderr)")

        // Every figure and file, side by side.
        func same(_ args: [String], _ what: String, normalise: (String) -> String = { $0 }) throws {
            let team = try CLI.run(args + ["--db", piDB, "--as", pi]), file = try CLI.run(args + ["--db", single, "--as", pi])
            #expect(team.status == 0 && file.status == 0, "\(what): \(team.stderr) \(file.stderr)")
            #expect(!team.stderr.contains("behind the team server"), "\(what): the adjudicator's copy is in step: \(team.stderr)")
            #expect(normalise(team.stdout) == normalise(file.stdout) && team.stdout.count > 100,
                    "\(what) on the team copy equals the single file:\n\(team.stdout.prefix(3000))\n---\n\(file.stdout.prefix(3000))")
        }
        try same(["adjudicate", "--round", "rel-1", "--list", "--all", "--format", "csv"], "adjudicate --list --all")
        try same(["reconcile", "--round", "rel-1", "--format", "csv", "--seed", "7"], "reconcile")
        try same(["reconcile", "--round", "rel-1", "--format", "json", "--seed", "7"], "reconcile json")
        try same(["classify", "--round", "rel-1", "--format", "csv"], "classify")
        try same(["export", "cases", "--round", "rel-1", "--format", "csv"], "export cases")
        try same(["export", "evidence", "--round", "rel-1", "--format", "markdown"], "export evidence")
        var files: [String: [String: String]] = [:]
        for (db, name) in [(piDB, "team"), (single, "file")] {
            let folder = dir.appendingPathComponent("out-\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let refi = try CLI.run(["export", "refi", "--round", "rel-1", "--folder", folder.appendingPathComponent("refi").path, "--db", db, "--as", pi])
            #expect(refi.status == 0, "export refi: \(refi.stderr)")
            let annotations = try CLI.run(["export", "annotations", "--round", "rel-1", "-o", folder.appendingPathComponent("rel-1.jsonld").path,
                                           "--db", db, "--as", pi])
            #expect(annotations.status == 0, "export annotations: \(annotations.stderr)")
            let report = try CLI.run(["report", "--round", "rel-1", "-o", folder.appendingPathComponent("report.md").path, "--bootstrap", "200",
                                      "--db", db, "--as", pi])
            #expect(report.status == 0, "report: \(report.stderr)")
            var contents: [String: String] = [:]
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let relative = walker?.nextObject() as? String {
                var isDir: ObjCBool = false
                let full = folder.appendingPathComponent(relative).path
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                contents[relative] = Self.normalisedExport(try String(contentsOfFile: full, encoding: .utf8), name: relative)
            }
            files[name] = contents
        }
        let team = files["team"] ?? [:], file = files["file"] ?? [:]
        #expect(team.keys.sorted() == file.keys.sorted() && team.keys.contains("refi/project.qde") && team.keys.contains("rel-1.jsonld"),
                "the same files: \(team.keys.sorted()) vs \(file.keys.sorted())")
        for name in team.keys.sorted() {
            #expect(team[name] == file[name] && (team[name]?.count ?? 0) > 50, "\(name) differs between the team copy and the single file")
        }
        #expect(team["refi/project.qde"]?.contains("the date is doubtful") == true, "B's note on a unit, kept in the session, is exported")
    }

    /// What legitimately differs between a team copy's export and a single file's, because the two
    /// are different projects in which the same work was done at different moments: the report's
    /// "Generated" moment and project path, and the moment each coding was made (`created` in W3C
    /// annotations, `creationDateTime` in REFI-QDA). Nothing else is touched: GUIDs, order, text,
    /// offsets and figures must be equal.
    static func normalisedExport(_ text: String, name: String) -> String {
        if name.hasSuffix(".md") {
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("Generated") && !$0.contains("**Project:**") }.joined(separator: "\n")
        }
        return text
            .replacingOccurrences(of: #"creationDateTime="[^"]*""#, with: #"creationDateTime="T""#, options: .regularExpression)
            .replacingOccurrences(of: #""created" : "[^"]*""#, with: #""created" : "T""#, options: .regularExpression)
    }

    /// Makes the test server offer TLS when it does not already: a self-signed certificate made with
    /// `openssl` (for localhost and 127.0.0.1), then ALTER SYSTEM + reload. Returns how to undo it,
    /// or why it cannot (the server is not on this machine, no openssl): one line, and the test stops.
    static func offerTLS(_ server: Server) throws -> (certificate: String?, undo: () -> Void)? {
        let su = server.admin.user ?? "postgres", adminDB = String(server.admin.path.dropFirst())
        let dir = try CLI.tempDir()
        let cert = dir.appendingPathComponent("server.crt").path, key = dir.appendingPathComponent("server.key").path
        let made = try shell("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
                             + "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout \(key) -out \(cert)")
        guard made == 0 else { print("TLS test skipped: openssl could not make a certificate"); return nil }
        if try server.psql(as: su, db: adminDB, "SHOW ssl").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "on" {
            return (nil, {})   // the server already offers TLS, with its own certificate: verify-full is not tried then
        }
        // The server reads the key only when it owns it and nobody else may read it.
        let dataDir = try server.psql(as: su, db: adminDB, "SHOW data_directory").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let owner = try? FileManager.default.attributesOfItem(atPath: dataDir)[.ownerAccountID] as? NSNumber else {
            print("TLS test skipped: the server does not offer TLS and its data folder \(dataDir) is not on this machine")
            return nil
        }
        chmod(dir.path, 0o755)
        chmod(key, 0o600)
        guard chown(key, uid_t(owner.uint32Value), gid_t(UInt32.max)) == 0 || getuid() == owner.uint32Value,
              chown(cert, uid_t(owner.uint32Value), gid_t(UInt32.max)) == 0 || getuid() == owner.uint32Value else {
            print("TLS test skipped: the server does not offer TLS and this user cannot hand it a key")
            return nil
        }
        for sql in ["ALTER SYSTEM SET ssl_cert_file = '\(cert)'", "ALTER SYSTEM SET ssl_key_file = '\(key)'", "ALTER SYSTEM SET ssl = on",
                    "SELECT pg_reload_conf()"] {
            let r = try server.psql(as: su, db: adminDB, sql)
            #expect(r.status == 0, "\(sql): \(r.stderr)")
        }
        let undo = {
            for sql in ["ALTER SYSTEM RESET ssl", "ALTER SYSTEM RESET ssl_cert_file", "ALTER SYSTEM RESET ssl_key_file", "SELECT pg_reload_conf()"] {
                _ = try? server.psql(as: su, db: adminDB, sql)
            }
            try? FileManager.default.removeItem(at: dir)
        }
        for _ in 0..<50 where try server.psql(as: su, db: adminDB, "SHOW ssl").stdout.trimmingCharacters(in: .whitespacesAndNewlines) != "on" {
            usleep(100_000)
        }
        let on = try server.psql(as: su, db: adminDB, "SHOW ssl").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(on == "on", "the server took the certificate (its log says why not)")
        return (cert, undo)
    }

    @Test(.enabled(if: skipReason == nil, "set DOSSIER_TEST_POSTGRES to run the team server tests"))
    func teamCommandsUseTLSWhenTheServerOffersIt() throws {
        let server = try #require(try Server.make())
        let lead = "lea_\(server.suffix)", a = "ana_\(server.suffix)", b = "ben_\(server.suffix)"
        defer { try? server.drop(roles: [lead, a, b]) }
        guard let tls = try Self.offerTLS(server) else { return }
        defer { tls.undo() }
        let dir = try CLI.tempDir()
        let (leadDB, units) = try Self.baseProject(in: dir, lead: lead, a: a, b: b)
        #expect(try CLI.run(["team", "init", "--db", leadDB, "--as", lead, server.ownerURL]).status == 0)

        // The default (prefer) encrypts when the server offers it; `team status` reads pg_stat_ssl for its own session.
        let aDB = dir.appendingPathComponent("ana.sqlite").path
        #expect(try CLI.run(["team", "join", "--db", aDB, "--as", a, server.url]).status == 0)
        let added = try CLI.run(["code", "add", "--db", aDB, "--as", a, "--round", "rel-1", "--passage", units[0], "--case", "GULF-1990/EGY",
                                 "--criterion", "WIR.link"])
        #expect(added.status == 0 && added.stderr.contains("sent to the team server"), "a coding travels over TLS: \(added.stderr)")
        for (db, what) in [(aDB, "prefer"), (leadDB, "the lead's copy")] {
            let status = try CLI.run(["team", "status", "--db", db])
            #expect(status.status == 0 && status.stdout.contains("encrypted (TLSv1."), "\(what): \(status.stdout) \(status.stderr)")
            // The JSON says it too, as one document with the round lines inside.
            let json = try CLI.run(["team", "status", "--db", db, "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(object?["encrypted"] as? Bool == true && (object?["tls_version"] as? String)?.hasPrefix("TLSv1.") == true
                    && (object?["rounds"] as? [[String: Any]])?.isEmpty == false, "\(what): \(json.stdout) \(json.stderr)")
        }
        let pushedOverTLS = try server.psql(as: server.admin.user ?? "postgres", "SELECT count(*) FROM team_audit WHERE pg_role = '\(a)' AND action = 'push'")
        #expect(pushedOverTLS.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        // require, and verify-full against the certificate made for the test; verify-full without it is refused.
        var verified = URLComponents(string: server.url)!
        verified.host = "localhost"
        verified.queryItems = [URLQueryItem(name: "sslmode", value: "verify-full"), URLQueryItem(name: "sslrootcert", value: tls.certificate)]
        let modes: [(String, String)] = [("require", server.url + "?sslmode=require")] + (tls.certificate == nil ? [] : [("verify-full", verified.string!)])
        for (mode, url) in modes {
            let db = dir.appendingPathComponent("ben-\(mode).sqlite").path
            let join = try CLI.run(["team", "join", "--db", db, "--as", b, url])
            #expect(join.status == 0, "\(mode): \(join.stderr)")
            let status = try CLI.run(["team", "status", "--db", db])
            #expect(status.stdout.contains("encrypted (TLSv1."), "\(mode): \(status.stdout) \(status.stderr)")
        }
        let home = try CLI.tempDir()   // no ~/.postgresql/root.crt: the system's authorities do not know a self-signed certificate
        var untrusted = URLComponents(string: server.url)!
        untrusted.queryItems = [URLQueryItem(name: "sslmode", value: "verify-full")]
        let refusedDB = dir.appendingPathComponent("ben-untrusted.sqlite").path
        let refused = try CLI.run(["team", "join", "--db", refusedDB, "--as", b, untrusted.string!], env: ["HOME": home.path])
        #expect(tls.certificate == nil || refused.status != 0 && refused.stderr.lowercased().contains("certificate") && !FileManager.default.fileExists(atPath: refusedDB),
                "\(refused.stderr)")
        // disable is plain text, and says so.
        let plainDB = dir.appendingPathComponent("ben-plain.sqlite").path
        #expect(try CLI.run(["team", "join", "--db", plainDB, "--as", b, server.url + "?sslmode=disable"]).status == 0)
        let plain = try CLI.run(["team", "status", "--db", plainDB])
        #expect(plain.status == 0 && plain.stdout.contains("not encrypted"), "\(plain.stdout) \(plain.stderr)")
        let plainJSON = try CLI.run(["team", "status", "--db", plainDB, "--format", "json"])
        let plainObject = try JSONSerialization.jsonObject(with: Data(plainJSON.stdout.utf8)) as? [String: Any]
        #expect(plainObject?["encrypted"] as? Bool == false && plainObject?["tls_version"] is NSNull, "\(plainJSON.stdout)")
    }

    static var passwordSkipReason: String? {
        let env = ProcessInfo.processInfo.environment
        return env["DOSSIER_TEST_POSTGRES"] == nil || env["DOSSIER_TEST_PG_PASSWORD_ROLE"] == nil
            ? "set DOSSIER_TEST_PG_PASSWORD_ROLE=ROLE (with DOSSIER_TEST_POSTGRES; a role that pg_hba.conf makes log in with scram-sha-256 over 127.0.0.1, as .ci/run sets up) to run the password login test" : nil
    }

    /// A real password login (SCRAM-SHA-256; CI's cluster trusts every other role): the password is
    /// found in PGPASSWORD, in a password file and in a connection service file; a wrong or missing
    /// one is refused in a researcher's words, without echoing it, and nothing is created.
    @Test(.enabled(if: passwordSkipReason == nil, "set DOSSIER_TEST_PG_PASSWORD_ROLE (and DOSSIER_TEST_POSTGRES) to run the password login test"))
    func aMemberLogsInWithAPasswordFromWhereLibpqKeepsIt() throws {
        let server = try #require(try Server.make())
        let role = try #require(ProcessInfo.processInfo.environment["DOSSIER_TEST_PG_PASSWORD_ROLE"])
        let lead = "lea_\(server.suffix)", b = "ben_\(server.suffix)"
        defer { try? server.drop(roles: [lead, b]) }   // the password role is the cluster's, kept for the next run
        let su = server.admin.user ?? "postgres", adminDB = String(server.admin.path.dropFirst())
        let rule = try server.psql(as: su, db: adminDB, """
            SELECT count(*) FROM pg_hba_file_rules WHERE type = 'host' AND auth_method = 'scram-sha-256'
              AND ('\(role)' = ANY(user_name) OR 'all' = ANY(user_name)) AND error IS NULL
            """)
        guard rule.stdout.trimmingCharacters(in: .whitespacesAndNewlines) != "0" else {
            print("password login test skipped: pg_hba.conf has no scram-sha-256 host rule for \(role) (see .ci/run)")
            return
        }
        let password = "pw-\(UUID().uuidString)"
        let made = try server.psql(as: su, db: adminDB, """
            DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; END $$;
            SET password_encryption = 'scram-sha-256';
            ALTER ROLE \(role) LOGIN PASSWORD '\(password)';
            """)
        #expect(made.status == 0, "\(made.stderr)")
        let dir = try CLI.tempDir()
        let (leadDB, units) = try Self.baseProject(in: dir, lead: lead, a: role, b: b)
        #expect(try CLI.run(["team", "init", "--db", leadDB, "--as", lead, server.ownerURL]).status == 0)
        // No password anywhere (an empty home, no PGPASSWORD, no service): refused, saying where to put one.
        let home = try CLI.tempDir()
        let bare = ["HOME": home.path, "PGPASSWORD": "", "PGPASSFILE": home.appendingPathComponent("none").path,
                    "PGSERVICEFILE": home.appendingPathComponent("none.conf").path, "PGSERVICE": ""]
        let none = dir.appendingPathComponent("none.sqlite").path
        let missing = try CLI.run(["team", "join", "--db", none, "--as", role, server.url], env: bare)
        #expect(missing.status != 0 && missing.stderr.contains("asks for the password of '\(role)'") && missing.stderr.contains("PGPASSWORD"),
                "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: none), "nothing made without a login")
        // A wrong password: refused, naming where it came from, never echoing it.
        let wrong = "not-\(password)"
        var env = bare
        env["PGPASSWORD"] = wrong
        let refused = try CLI.run(["team", "join", "--db", none, "--as", role, server.url], env: env)
        #expect(refused.status != 0 && refused.stderr.contains("did not accept the password of '\(role)'") && refused.stderr.contains("PGPASSWORD"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains(wrong) && !refused.stdout.contains(wrong) && !refused.stderr.contains(password))
        #expect(!FileManager.default.fileExists(atPath: none))

        // PGPASSWORD: join, code (the coding reaches the server), status.
        env["PGPASSWORD"] = password
        let viaEnv = dir.appendingPathComponent("env.sqlite").path
        let joined = try CLI.run(["team", "join", "--db", viaEnv, "--as", role, server.url], env: env)
        #expect(joined.status == 0, "PGPASSWORD: \(joined.stderr)")
        let coded = try CLI.run(["code", "add", "--db", viaEnv, "--as", role, "--round", "rel-1", "--passage", units[0], "--case", "GULF-1990/EGY",
                                 "--criterion", "WIR.link"], env: env)
        #expect(coded.status == 0 && coded.stderr.contains("(sent to the team server)"), "\(coded.stderr)")
        let pushed = try server.psql(as: su, "SELECT count(*) FROM team_audit WHERE pg_role = '\(role)' AND action = 'push'")
        #expect(pushed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "sent as the password role: \(pushed.stdout)")
        // Without the password the copy cannot reach the server: the coding waits, and says why.
        let offline = try CLI.run(["code", "add", "--db", viaEnv, "--as", role, "--round", "rel-1", "--passage", units[1], "--case", "GULF-1990/EGY",
                                   "--criterion", "WIR.link"], env: bare)
        #expect(offline.status == 0 && offline.stderr.contains("not sent to the team server yet") && offline.stderr.contains("asks for the password"),
                "\(offline.stderr)")

        // The password file (~/.pgpass, mode 0600), host:port:database:user:password.
        let pgpassHome = try CLI.tempDir()
        let pgpass = pgpassHome.appendingPathComponent(".pgpass")
        try "# the lab's server\n\(server.host):\(server.port):\(server.database):\(role):\(password)\n".write(to: pgpass, atomically: true, encoding: .utf8)
        chmod(pgpass.path, 0o600)
        var fileEnv = bare
        fileEnv["HOME"] = pgpassHome.path
        fileEnv["PGPASSFILE"] = nil
        let viaFile = dir.appendingPathComponent("pgpass.sqlite").path
        let byFile = try CLI.run(["team", "join", "--db", viaFile, "--as", role, server.url], env: fileEnv.merging(["PGPASSFILE": pgpass.path]) { $1 })
        #expect(byFile.status == 0, "PGPASSFILE: \(byFile.stderr)")
        let synced = try CLI.run(["team", "sync", "--db", viaEnv], env: fileEnv)
        #expect(synced.status == 0 && synced.stdout.contains("Sent your work in rel-1"), "~/.pgpass sends the waiting coding: \(synced.stdout) \(synced.stderr)")

        // A connection service file names the server, database, role and password.
        let services = home.appendingPathComponent("pg_service.conf")
        try """
            [lab]
            host=\(server.host)
            port=\(server.port)
            dbname=\(server.database)
            user=\(role)
            password=\(password)
            """.write(to: services, atomically: true, encoding: .utf8)
        chmod(services.path, 0o600)
        let serviceEnv = bare.merging(["PGSERVICEFILE": services.path]) { $1 }
        let viaService = dir.appendingPathComponent("service.sqlite").path
        let byService = try CLI.run(["team", "join", "--db", viaService, "--as", role, "postgres:///?service=lab"], env: serviceEnv)
        #expect(byService.status == 0, "service file: \(byService.stderr)")
        let status = try CLI.run(["team", "status", "--db", viaService, "--format", "json"], env: serviceEnv)
        #expect(status.status == 0 && status.stdout.contains("\"handle\" : \"\(role)\"") && !status.stdout.contains(password),
                "\(status.stdout) \(status.stderr)")
        let link = try String(contentsOfFile: viaService + ".team", encoding: .utf8) + String(contentsOfFile: viaEnv + ".team", encoding: .utf8)
        #expect(!link.contains(password), "no password in the working copy's link")
        // The wrong password in a service file is refused the same way, naming the file.
        try String(contentsOf: services, encoding: .utf8).replacingOccurrences(of: "password=\(password)", with: "password=\(wrong)")
            .write(to: services, atomically: true, encoding: .utf8)
        let badService = try CLI.run(["team", "status", "--db", viaService], env: serviceEnv)
        #expect(badService.status != 0 && badService.stderr.contains("service 'lab' in \(services.path)") && !badService.stderr.contains(wrong),
                "\(badService.stderr)")
    }
}
