import Foundation
import Testing

/// A codebook's `reliability:` section reaches every verdict the CLI prints: `reconcile`, `plan
/// --round` and the report (issue 11: thresholds configurable per codebook).
@Suite(.serialized) struct ReliabilityThresholdsCLITests {
    @Test func theCodebooksThresholdsDecideTheVerdictsInReconcilePlanAndReport() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The bundled samples, with a codebook that asks for 1,000 pairable units and .9/.8.
        let samples = dir.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples.appendingPathComponent("Codebooks"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Imports"), to: samples.appendingPathComponent("Imports"))
        let yaml = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml"), encoding: .utf8)
        let strict = yaml.replacingOccurrences(of: "\nlicence: CC-BY-4.0\n",
                                               with: "\nlicence: CC-BY-4.0\nreliability:\n  reliable: 0.9\n  tentative: 0.8\n  min_units: 1000\n")
        #expect(strict != yaml)
        try strict.write(to: samples.appendingPathComponent("Codebooks/buying-allies.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("demo")
        let demo = try CLI.run(["demo", "--output", out.path, "--samples", samples.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let db = out.appendingPathComponent("dossier.sqlite").path

        let reconcile = try CLI.run(["reconcile", "--db", db, "--round", "rel-1", "--bootstrap", "100"])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("reliable if it is at least .9, tentative if at least .8"))
        #expect(reconcile.stdout.contains("or fewer than 1000 units are pairable. Thresholds: codebook buying-allies"))
        #expect(reconcile.stdout.contains("41 units, fewer than the 1000 the codebook requires (reliability.min_units)"))
        // A verdict reason shared by many criteria is printed once, naming them all.
        let minUnitsLines = reconcile.stdout.split(separator: "\n").filter { $0.contains("fewer than the 1000 the codebook requires") }
        #expect(minUnitsLines.count == 1, "\(minUnitsLines)")
        #expect(minUnitsLines.first?.contains("WIR.volunteered, CRC.recruited") == true, "\(minUnitsLines)")
        let csv = try CLI.run(["reconcile", "--db", db, "--round", "rel-1", "--bootstrap", "100", "--format", "csv"])
        let verdicts = Set(csv.stdout.split(separator: "\n").dropFirst().compactMap { line -> String? in
            ["reliable", "tentative", "unreliable"].first { line.contains(",\($0),") }
        })
        #expect(verdicts.isEmpty, "no verdict on the interval below the codebook's 1,000 units: \(verdicts)")

        // JSON carries the thresholds and the disagreements that decide a classification.
        let json = try CLI.run(["reconcile", "--db", db, "--round", "rel-1", "--bootstrap", "0", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let thresholds = try #require(object["thresholds"] as? [String: Any])
        #expect(thresholds["reliable"] as? Double == 0.9 && thresholds["minimum_units"] as? Int == 1000)
        let decisive = try #require(object["decisive_disagreements"] as? [[String: Any]])
        // The demo's adjudicator has decided the disagreements that mattered (DecisiveDisagreementTests
        // covers a round where some are open): both outputs say none is left.
        #expect(decisive.isEmpty)
        #expect(reconcile.stdout.contains("Disagreements that decide a case's classification"))
        #expect(reconcile.stdout.contains("none: no undecided disagreement changes a category"))

        let plan = try CLI.run(["plan", "--db", db, "--round", "rel-1"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("thresholds: codebook buying-allies"))
        #expect(plan.stdout.contains("short of the codebook's min_units 1000"))
        #expect(plan.stdout.contains("units_needed_800") && plan.stdout.contains("units_needed_900"))

        let report = try CLI.run(["report", "--db", db, "--round", "rel-1", "--bootstrap", "100", "-o", dir.appendingPathComponent("r.md").path])
        #expect(report.status == 0, "\(report.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("reached .9 and tentative when it reached .8 (Krippendorff 2004; thresholds set in the codebook buying-allies"))
        #expect(md.contains("or the codebook's minimum of 1000 units"))

        // A folder that does not exist is named before the work is done, and nothing is written.
        let nowhere = dir.appendingPathComponent("no-such-folder")
        let refused = try CLI.run(["report", "--db", db, "--round", "rel-1", "--bootstrap", "100", "-o", nowhere.appendingPathComponent("r.html").path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("the folder \(nowhere.path) does not exist"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: nowhere.path))
    }
}
