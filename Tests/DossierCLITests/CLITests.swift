import Foundation
import Testing

/// Runs the `dossier` executable that `swift test` built next to the test bundle.
enum CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dossier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let built = repoRoot.appendingPathComponent(".build/debug/dossier")
        return FileManager.default.isExecutableFile(atPath: built.path) ? built : nil
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// A production round `prod` on the bundled transcripts, codebook and register, with these
    /// coders: the project the load tests write into.
    static func productionProject(at db: String, coders: [String]) throws {
        let setup: [[String]] = [
            ["import", "--db", db, repoRoot.appendingPathComponent("Imports/transcripts").path],
            ["codebook", "load", "--db", db, "Codebooks/buying-allies.yaml"],
            ["register", "load", "--db", db, "Imports/register/buying-allies.yaml"],
            ["round", "create", "--db", db, "prod", "--purpose", "production"],
        ] + coders.map { ["coder", "add", "--db", db, $0] }
        for args in setup {
            let r = try run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
    }

    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try #require(binary, "the dossier binary was not built")
        process.arguments = args
        process.currentDirectoryURL = repoRoot
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DOSSIER_DB")
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite(.serialized) struct CLITests {
    @Test func demoBuildsTheProjectAndReport() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["demo", "--output", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Reliability (round rel-1"))
        // The evidence model on show: counter-evidence, a criterion not found left indeterminate,
        // and pivotal states classified at their own level (operation × actor) and checked against the register.
        #expect(r.stdout.contains("counter-evidence: KOREA-1950/COL CRC.leverage refuted"))
        #expect(r.stdout.contains("left open: UNAMID-2007/RWA WIR indeterminate; WIR.genuine_interest, WIR.lacks_resources not found"))
        #expect(r.stdout.contains("UNAMID-2007@USA    PIV: member"))
        #expect(r.stdout.contains("UNAMID-2007@GBR    PIV: indeterminate; would be decided by PIV.stake"))
        #expect(r.stdout.contains("Register cross-check: the register's pivotal_states agree with the evidence."))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("reliability-report.html").path))
        let db = dir.appendingPathComponent("dossier.sqlite").path
        let json = try CLI.run(["reconcile", "--db", db, "--round", "rel-1", "--format", "json", "--bootstrap", "100"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["units"] as? Int == 41)
        // The pivotal-state round is assessed on the pivotal-state criteria only, rel-1 on the others.
        let piv = try CLI.run(["reconcile", "--db", db, "--round", "piv-1", "--format", "json", "--bootstrap", "0"])
        let pivObject = try JSONSerialization.jsonObject(with: Data(piv.stdout.utf8)) as? [String: Any]
        #expect((pivObject?["criteria"] as? [[String: Any]])?.compactMap { $0["criterion"] as? String } == ["PIV.stake", "PIV.recruits", "PIV.funds"])
        #expect((object?["criteria"] as? [[String: Any]])?.contains { ($0["criterion"] as? String)?.hasPrefix("PIV.") == true } == false)
        let csv = try CLI.run(["classify", "--db", db, "--round", "rel-1", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("case,"))

        // The adjudication queue is scriptable through stdin: decide the first open disagreement.
        let open = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--list", "--format", "json"])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [[String: Any]])
        #expect(before.count == 7)
        let session = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--as", "lee"],
                                  stdin: "n\nThe witness denies a bargain; the timing remark is not a demand.\nq\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("1 decision(s) recorded"))
        let after = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--list", "--format", "json"])
        let remaining = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(remaining.count == 6)
        let log = try CLI.run(["log", "--db", db, "--round", "rel-1", "--action", "adjudicate", "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 5, "four imported decisions and the scripted one")
        // A coder cannot adjudicate.
        let coder = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--as", "ana"], stdin: "y\nx\n")
        #expect(coder.status != 0)
    }

    @Test func everyCommandHasHelp() throws {
        for command in [[], ["import"], ["search"], ["cite"], ["documents"], ["codebook"], ["register"], ["mentions"],
                        ["code", "add"], ["code", "session"], ["code", "import"], ["assign"], ["reconcile"],
                        ["adjudicate"], ["classify"], ["report"], ["demo"], ["agreement"], ["log"]] {
            let r = try CLI.run(command + ["--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test func malformedImportNamesFileLineColumnExitsNonZeroAndKeepsTheOthers() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.xml")
        try Data("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>open</body></text></TEI>".utf8).write(to: bad)
        let db = dir.appendingPathComponent("p.sqlite").path
        let r = try CLI.run(["import", "--db", db, bad.path, CLI.repoRoot.appendingPathComponent("Imports/transcripts/egypt-debt-1990.txt").path])
        #expect(r.status != 0)
        #expect(r.stderr.range(of: #"bad\.xml:\d+:\d+:"#, options: .regularExpression) != nil, "\(r.stderr)")
        #expect(r.stderr.contains("1 of 2 file(s) failed"))
        let docs = try CLI.run(["documents", "--db", db, "--format", "csv"])
        #expect(docs.stdout.split(separator: "\n").count == 2, "header + the one good document")
        let again = try CLI.run(["import", "--db", db, CLI.repoRoot.appendingPathComponent("Imports/transcripts/egypt-debt-1990.txt").path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("unchanged"))
    }

    @Test func aMistypedProjectPathIsNotCreated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).sqlite").path
        let r = try CLI.run(["documents", "--db", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no project file here"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aMalformedSearchQueryIsAClearError() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        _ = try CLI.run(["import", "--db", db, CLI.repoRoot.appendingPathComponent("Imports/transcripts").path])
        let r = try CLI.run(["search", "--db", db, "\"unterminated"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot be run") && r.stderr.contains("never closed"))
        #expect(!r.stderr.contains("SQLite error"))
        let fts = try CLI.run(["search", "--db", db, "--fts", "*"])
        #expect(fts.status != 0)
        #expect(fts.stderr.contains("character 1"))
        #expect(!fts.stderr.contains("SQLite error") && !fts.stderr.contains("SELECT"))
    }

    /// Four processes each add 250 codings to one project file at the same time: all succeed,
    /// every coding is there, and no "database is locked" reaches anyone.
    @Test func concurrentCodersLoseNoWrites() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        try CLI.productionProject(at: db, coders: (1...4).map { "c\($0)" })
        let criteria = ["WIR.public_interest", "WIR.link", "WIR.volunteered", "WIR.limited_requests", "CRC.recruited",
                        "CRC.deemed_critical", "WIR.genuine_interest", "CRC.limited_interest", "CRC.leverage", "OPP.quid_pro_quo"]
        let binary = try #require(CLI.binary).path
        var scripts: [Process] = []
        for coder in 1...4 {
            var lines: [String] = []
            for passage in 1...25 {
                for criterion in criteria {
                    lines.append("\"\(binary)\" code add --db \"\(db)\" --as c\(coder) --round prod --passage \(passage) --case GULF-1990/EGY --criterion \(criterion) >/dev/null 2>>\"\(dir.path)/err\(coder)\" || echo fail >> \"\(dir.path)/fail\"")
                }
            }
            let script = dir.appendingPathComponent("coder\(coder).sh")
            try Data(lines.joined(separator: "\n").utf8).write(to: script)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [script.path]
            try p.run()
            scripts.append(p)
        }
        for p in scripts { p.waitUntilExit() }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fail").path))
        for coder in 1...4 {
            let err = (try? String(contentsOf: dir.appendingPathComponent("err\(coder)"), encoding: .utf8)) ?? ""
            #expect(!err.contains("locked"), "\(err)")
            let list = try CLI.run(["code", "list", "--db", db, "--round", "prod", "--coder", "c\(coder)", "--format", "csv"])
            #expect(list.stdout.split(separator: "\n").count == 251, "c\(coder): \(list.stderr)")
        }
    }

    @Test func sessionWorksWithPipedInput() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        for args in [["import", "--db", db, CLI.repoRoot.appendingPathComponent("Imports/transcripts").path],
                     ["codebook", "load", "--db", db, "Codebooks/buying-allies.yaml"],
                     ["register", "load", "--db", db, "Imports/register/buying-allies.yaml"],
                     ["coder", "add", "--db", db, "ana"], ["coder", "add", "--db", db, "ben"],
                     ["round", "create", "--db", db, "r", "--purpose", "reliability"],
                     ["assign", "--db", db, "--round", "r", "--coders", "ana,ben", "--case", "GULF-1990/EGY", "--query", "debt"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let r = try CLI.run(["code", "session", "--db", db, "--coder", "ana", "--round", "r"], stdin: "22\n\nq\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("tagged 22. PAY.debt_relief"), "\(r.stdout)")
        let list = try CLI.run(["code", "list", "--db", db, "--round", "r", "--as", "ana", "--format", "csv"])
        #expect(list.stdout.contains("PAY.debt_relief"))
        let blind = try CLI.run(["code", "list", "--db", db, "--round", "r", "--as", "ben", "--format", "csv"])
        #expect(!blind.stdout.contains("PAY.debt_relief"))
    }
}

@Suite struct AgreementCLITests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders × 12 units.
    static let krippendorff2011 = """
        unit,A,B,C,D
        1,1,1,,1
        2,2,2,3,2
        3,3,3,3,3
        4,3,3,3,3
        5,2,2,2,2
        6,1,2,3,4
        7,4,4,4,4
        8,1,1,2,1
        9,2,2,2,2
        10,,5,5,5
        11,,,1,1
        12,,3,,
        """

    @Test func jsonCarriesTheDocumentedKeysAndThePublishedAlpha() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("k2011.csv")
        try Data(Self.krippendorff2011.utf8).write(to: file)
        for (level, expected) in [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)] {
            let r = try CLI.run(["agreement", file.path, "--level", level, "--format", "json", "--bootstrap", "200", "--seed", "1"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            for key in ["units", "coders", "pairable_values", "percent_agreement", "krippendorff_alpha", "alpha_ci_low",
                        "alpha_ci_high", "fleiss_kappa", "conger_kappa", "brennan_prediger", "gwet_ac1"] {
                #expect(json.keys.contains(key), "missing \(key)")
            }
            let alpha = try #require(json["krippendorff_alpha"] as? Double)
            #expect(abs(alpha - expected) < 0.0005, "\(level): \(alpha)")
            #expect(json["units"] as? Int == 12)
        }
    }

    @Test func raggedRowsAreNamedByRowAndExitNonZero() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.csv")
        try Data("A,B\n1,2\n1,2,3\n".utf8).write(to: file)
        let r = try CLI.run(["agreement", file.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.csv"))
        #expect(r.stderr.contains("3"), "names the row: \(r.stderr)")
    }
}
