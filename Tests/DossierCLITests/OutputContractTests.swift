import Foundation
import Testing

/// What scripts and statistics packages rely on: ISO 8601 UTC times, JSON numbers, ids as printed,
/// and a mistyped word named with the nearest valid one.
@Suite(.serialized) struct OutputContractTests {
    static let iso = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#

    func json(_ args: [String]) throws -> Any {
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test func timesAreISO8601AndNumbersAreNumbers() throws {
        let f = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let events = try #require(try json(["log", "--db", f.db, "--as", "kim", "--format", "json"]) as? [[String: Any]])
        #expect(!events.isEmpty)
        for e in events {
            let at = try #require(e["at"] as? String, "at is a string, not seconds since 2001: \(e)")
            #expect(at.range(of: Self.iso, options: .regularExpression) != nil, "\(at)")
            #expect(e["id"] is Int)
            #expect(e["detail"] is [String: Any], "detail is nested JSON, not a string: \(String(describing: e["detail"]))")
        }
        let csv = try CLI.run(["log", "--db", f.db, "--as", "kim", "--format", "csv"]).stdout.split(separator: "\n")
        let at = String(csv[1].split(separator: ",")[1])
        #expect(at.range(of: Self.iso, options: .regularExpression) != nil, "\(at)")
        let codings = try #require(try json(["code", "list", "--db", f.db, "--round", "rel-1", "--as", "ana", "--format", "json"]) as? [[String: Any]])
        let created = try #require(codings.first?["created_at"] as? String)
        #expect(created.range(of: Self.iso, options: .regularExpression) != nil, "\(created)")

        let rounds = try #require(try json(["round", "list", "--db", f.db, "--format", "json"]) as? [[String: Any]])
        #expect(rounds.first?["id"] is Int && rounds.first?["units"] is Int && rounds.first?["coders"] as? Int == 2)
        #expect(rounds.first?["blind"] as? Bool == true)
        let codebooks = try #require(try json(["codebook", "list", "--db", f.db, "--format", "json"]) as? [[String: Any]])
        #expect(codebooks.first?["criteria"] is Int && codebooks.first?["id"] is Int)
        #expect(codebooks.first?["version"] as? String == "2.0.0", "versions stay strings")
        let status = try #require(try json(["round", "status", "rel-1", "--db", f.db, "--as", "kim", "--format", "json"]) as? [String: Any])
        let coders = try #require(status["coders"] as? [[String: Any]])
        #expect(coders.first?["assigned"] is Int)
        #expect((coders.first?["last_activity"] as? String)?.range(of: Self.iso, options: .regularExpression) != nil)
    }

    @Test func idsAreAcceptedAsPrinted() throws {
        let f = try BlindnessTests.Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let add = try CLI.run(["code", "add", "--db", f.db, "--as", "ana", "--round", "rel-1", "--passage", "p\(f.passage)",
                               "--case", f.caseId, "--criterion", "CRC.leverage"])
        #expect(add.status == 0, "\(add.stderr)")
        // Document ids are printed bare (`documents` lists 12, not d12): `d12` would also be FRUS
        // document 12 of a volume, so it is no longer read as a row id when a volume has a d12
        // (DocumentReferenceTests).
        let show = try CLI.run(["documents", "show", "--db", f.db, f.document, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        let bad = try CLI.run(["documents", "show", "--db", f.db, "x\(f.document)"])
        #expect(bad.status != 0)
    }

    @Test func aMistypedOptionOrCommandIsNamedWithTheNearestOne() throws {
        let option = try CLI.run(["code", "list", "--rond", "rel-1"])
        #expect(option.status != 0)
        #expect(option.stderr.contains("Unknown option '--rond'"), "\(option.stderr)")
        #expect(option.stderr.contains("Did you mean '--round'?"), "\(option.stderr)")
        let command = try CLI.run(["code", "lst"])
        #expect(command.stderr.contains("Unknown command 'lst' for 'dossier code'. Did you mean 'list'?"), "\(command.stderr)")
        let top = try CLI.run(["reconcil", "--round", "x"])
        #expect(top.stderr.contains("Did you mean 'reconcile'?"), "\(top.stderr)")
        // ArgumentParser's own suggestion still comes through when nothing else is wrong.
        let flag = try CLI.run(["round", "status", "rel-1", "--unit"])
        #expect(flag.stderr.contains("Did you mean '--units'?"), "\(flag.stderr)")
        // A hidden older spelling is not unknown.
        let legacy = try CLI.run(["code", "done", "--coder", "ana", "--db", "/nonexistent/p.sqlite", "--round", "r",
                                  "--passage", "1", "--case", "C"])
        #expect(!legacy.stderr.contains("Unknown option"), "\(legacy.stderr)")
    }
}
