import Foundation
import Testing

/// Corrections on the command line: adjudication overrides and imports run twice, retired documents.
@Suite(.serialized) struct CorrectionsCLITests {
    @Test func overridesNeedAReasonAndAreListedImportsCountOnce() throws {
        let fixture = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let db = fixture.db, p = fixture.passage, c = fixture.caseId
        let close = try CLI.run(["round", "close", "rel-1", "--db", db, "--as", "kim", "--force", "--reason", "test"])
        #expect(close.status == 0, "\(close.stderr)")
        // Both finished passage P; neither tagged CRC.recruited there: they agree.
        let base = ["adjudicate", "--db", db, "--round", "rel-1", "--as", "lee", "--passage", "p\(p)", "--case", c,
                    "--criterion", "CRC.recruited", "--present", "contradicts", "--rationale", "The annex says otherwise."]
        let refused = try CLI.run(base)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("no disagreement on CRC.recruited") && refused.stderr.contains("--override --reason"), "\(refused.stderr)")
        let noReason = try CLI.run(base + ["--override"])
        #expect(noReason.status != 0 && noReason.stderr.contains("--override needs --reason"), "\(noReason.stderr)")
        let ok = try CLI.run(base + ["--override", "--reason", "both coders missed the annex"])
        #expect(ok.status == 0 && ok.stdout.contains("(override)"), "\(ok.stderr)")

        // PAY.debt_relief in P: bzq tagged it, ana did not — a disagreement, decided by a CSV imported twice.
        let csv = fixture.dir.appendingPathComponent("decisions.csv")
        try Data("round,passage,case,criterion,present,rationale,adjudicator\nrel-1,\(p),\(c),PAY.debt_relief,no,\"Debt is mentioned, not relieved.\",lee\n".utf8)
            .write(to: csv)
        // A coder cannot record decisions in the adjudicator's name.
        let asCoder = try CLI.run(["adjudicate", "--db", db, "--import", csv.path, "--as", "ana"])
        #expect(asCoder.status != 0 && asCoder.stderr.contains("decisions.csv:2:7: ana may not record decisions in lee's name"),
                "\(asCoder.stderr)")
        let first = try CLI.run(["adjudicate", "--db", db, "--import", csv.path, "--as", "lee"])
        #expect(first.stdout.contains("1 decision(s) recorded, 0 already recorded"), "\(first.stdout)\(first.stderr)")
        // A lead may import the adjudicator's file; again, it records nothing new.
        let second = try CLI.run(["adjudicate", "--db", db, "--import", csv.path, "--as", "kim"])
        #expect(second.stdout.contains("0 decision(s) recorded, 1 already recorded"), "\(second.stdout)\(second.stderr)")

        let list = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--as", "kim", "--list", "--all", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], "\(list.stderr)")
        let override = try #require(rows.first { $0["override_reason"] != nil })
        #expect(override["override_reason"] as? String == "both coders missed the annex")
        #expect(override["criterion"] as? String == "CRC.recruited")
        #expect(((override["decision"] as? [String: Any])?["direction"] as? String) == "contradicts")
        #expect(rows.filter { $0["criterion"] as? String == "PAY.debt_relief" }.count == 1)
        let open = try CLI.run(["adjudicate", "--db", db, "--round", "rel-1", "--as", "kim", "--list", "--format", "csv"])
        #expect(!open.stdout.contains("both coders missed the annex"), "--list without --all shows open disagreements only")

        let out = fixture.dir.appendingPathComponent("r.md")
        let report = try CLI.run(["report", "--db", db, "--round", "rel-1", "-o", out.path, "--bootstrap", "20", "--as", "kim"])
        if report.status == 0 {
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text.contains("Override: CRC.recruited decided contradicts") && text.contains("both coders missed the annex"))
        } else {
            #expect(report.stderr.contains("agreement cannot be assessed"), "\(report.stderr)")
        }
    }

    @Test func retireHidesADocumentAndRestoreBringsItBack() throws {
        let fixture = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let db = fixture.db
        // The document of P holds codings: refused without --force.
        let coded = try CLI.run(["documents", "retire", fixture.document, "--db", db, "--as", "kim", "--reason", "wrong file"])
        #expect(coded.status != 0 && coded.stderr.contains("--force"), "\(coded.stderr)")
        let forced = try CLI.run(["documents", "retire", fixture.document, "--db", db, "--as", "kim", "--reason", "wrong file", "--force"])
        #expect(forced.status == 0 && forced.stdout.contains("coding(s) on its passages are kept"), "\(forced.stderr)")
        let list = try CLI.run(["documents", "list", "--db", db, "--format", "csv"])
        #expect(!list.stdout.split(separator: "\n").contains { $0.hasPrefix("\(fixture.document),") })
        let show = try CLI.run(["documents", "show", fixture.document, "--db", db])
        #expect(show.stdout.contains(", retired)") && show.stderr.contains("wrong file"), "\(show.stdout)\(show.stderr)")
        let log = try CLI.run(["log", "--db", db, "--as", "kim", "--format", "csv"])
        #expect(log.stdout.contains("document.retire"))
        let restore = try CLI.run(["documents", "restore", fixture.document, "--db", db, "--as", "kim"])
        #expect(restore.status == 0, "\(restore.stderr)")
        let again = try CLI.run(["documents", "list", "--db", db, "--format", "csv"])
        #expect(again.stdout.split(separator: "\n").contains { $0.hasPrefix("\(fixture.document),") })
        let twice = try CLI.run(["documents", "restore", fixture.document, "--db", db, "--as", "kim"])
        #expect(twice.status != 0 && twice.stderr.contains("is not retired"))
    }

    @Test func aMalformedPacketIsNamedOnTheCommandLine() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("p.sqlite").path
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        for (name, body) in [("notjson.json", "this is not JSON"), ("other.json", #"{"hello": 1}"#),
                             ("wrongtype.json", #"{"format": "one", "coder": 7}"#), ("array.json", "[1, 2]")] {
            let file = dir.appendingPathComponent(name)
            try Data(body.utf8).write(to: file)
            let r = try CLI.run(["packet", "merge", "--db", db, file.path, "--as", "ana"])
            #expect(r.status != 0, "\(name)")
            #expect(r.stderr.contains("not a Dossier packet") && r.stderr.contains(name), "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("DecodingError") && !r.stderr.contains("keyNotFound") && !r.stderr.contains("typeMismatch"),
                    "\(name): \(r.stderr)")
        }
    }

    /// A register change moves classifications, so each one is in the audit log: who, what was
    /// written and what it replaced.
    @Test func registerEditsAreLoggedWithWhoAndWhatTheyReplaced() throws {
        let fixture = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let db = fixture.db
        let add = try CLI.run(["actor", "add", "--db", db, "ZZZ", "--name", "Testland", "--as", "kim"])
        #expect(add.status == 0, "\(add.stderr)")
        let update = try CLI.run(["actor", "update", "--db", db, "ZZZ", "--name", "Testland renamed", "--as", "kim"])
        #expect(update.status == 0, "\(update.stderr)")
        let op = try CLI.run(["operation", "add", "--db", db, "TEST-OP", "--name", "Test", "--framework", "other", "--start", "2001"])
        #expect(op.status == 0, "\(op.stderr)")
        let log = try CLI.run(["log", "--db", db, "--as", "kim", "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]], "\(log.stderr)")
        let edits = events.filter { $0["action"] as? String == "register.edit" }
        #expect(edits.count == 3, "\(edits)")
        let actorEdits = edits.filter { "\($0["entity_id"] ?? "")" == "ZZZ" }
        #expect(actorEdits.count == 2 && actorEdits.allSatisfy { $0["who"] as? String == "kim" }, "\(actorEdits)")
        let renamed = try #require(actorEdits.last)
        #expect("\(renamed["detail"] ?? "")".contains("Testland renamed") && "\(renamed["previous"] ?? "")".contains("Testland"), "\(renamed)")
        // A codebook version loaded by someone says who, too (a new revision: the file differs).
        let changed = fixture.dir.appendingPathComponent("codebook-changed.yaml")
        let original = try String(contentsOfFile: "\(CLI.repoRoot.path)/Codebooks/buying-allies.yaml", encoding: .utf8)
        try Data((original + "\n# a comment makes a new revision\n").utf8).write(to: changed)
        let load = try CLI.run(["codebook", "load", "--db", db, changed.path, "--as", "kim"])
        #expect(load.status == 0, "\(load.stderr)")
        let after = try CLI.run(["log", "--db", db, "--as", "kim", "--action", "codebook.load", "--format", "json"])
        let loads = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]], "\(after.stderr)")
        #expect(loads.last?["who"] as? String == "kim", "\(loads)")
        // Nobody said who: the event says so rather than guessing.
        #expect(edits.first { "\($0["entity_id"] ?? "")" == "TEST-OP" }?["who"] as? String == "-", "\(edits)")
    }
}
