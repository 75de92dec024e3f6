import Foundation
import Testing

/// `dossier weigh` on the demo project, as a user runs it: every posterior recomputed here from
/// the likelihoods the JSON shows (so each number is traceable to its items), CSV and JSON agree,
/// priors are checked, bad input is refused in words.
@Suite(.serialized) struct WeighCLITests {
    @Test func weighTheDemoRound() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try CLI.run(["demo", "--output", dir.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        // The demo says what the weights add to the rules: a category the rules leave open that they lean on.
        #expect(demo.stdout.contains("Weighing the evidence"))
        #expect(demo.stdout.contains("rules undecided, weights lean:"))
        #expect(demo.stdout.contains("rules and weights disagree:"))
        let db = dir.appendingPathComponent("dossier.sqlite").path

        let json = try CLI.run(["weigh", "--db", db, "--round", "rel-1", "--format", "json", "--prior", "OPP=0.2"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["assumption"] as? String)?.contains("independent") == true)
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(!cases.isEmpty)
        var items = 0, onceOnly = 0
        for c in cases {
            for h in try #require(c["hypotheses"] as? [[String: Any]]) {
                let prior = try #require(h["prior"] as? Double)
                // --prior OPP=0.2 wins; every other category starts from the codebook's own prior
                // (Buying Allies gives one for each: 1/3 per recipient type, 2/3 per payment scheme, 1/2 pivotal).
                let category = h["category"] as? String ?? ""
                let codebookPriors = ["WIR": 0.333, "CRC": 0.333, "deployment_subsidy": 0.667, "side_deal": 0.667, "PIV": 0.5]
                #expect(prior == (category == "OPP" ? 0.2 : codebookPriors[category]), "\(category)")
                #expect(h["prior_source"] as? String == (category == "OPP" ? "--prior" : "codebook"))
                // Posterior odds = prior odds × Π counted likelihood ratios, recomputed from the items.
                var odds = prior / (1 - prior)
                for item in try #require(h["items"] as? [[String: Any]]) {
                    items += 1
                    let pm = try #require(item["p_if_member"] as? Double), pn = try #require(item["p_if_not_member"] as? Double)
                    // The codebook gives likelihoods for every criterion: no default is used.
                    #expect(item["likelihood_source"] as? String == "codebook", "\(item["criterion"] ?? "")")
                    if item["counted_once_with"] != nil {
                        onceOnly += 1
                        #expect(item["counted_db"] as? Double == 0)
                    } else {
                        odds *= pm / pn
                        #expect(abs((item["weight_db"] as? Double ?? .nan) - 10 * log10(pm / pn)) < 1e-9)
                    }
                    if item["reading"] as? String == "supports" { #expect(item["citation"] is String && item["excerpt"] is String) }
                }
                let posterior = try #require(h["posterior"] as? Double)
                #expect(abs(posterior - odds / (1 + odds)) < 1e-9, "\(c["case_id"] ?? "") \(h["category"] ?? "")")
                let rules = h["rules"] as? String, comparison = h["comparison"] as? String
                if rules == "indeterminate" { #expect(comparison == "rules_indeterminate") }
                if rules == "member" { #expect(comparison == (posterior > 0.5 ? "agree" : "disagree")) }
            }
        }
        #expect(items > 5)
        #expect(onceOnly > 0, "the demo codes one passage for two criteria of a category: it must count once")
        try Self.crossCheckWithNumpy(object)

        // CSV: one row per item (or per category without items); the same posteriors.
        let csv = try CLI.run(["weigh", "--db", db, "--round", "rel-1", "--format", "csv", "--prior", "OPP=0.2"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("case_id,dimension,category,prior,") == true)
        #expect(lines.first?.hasSuffix(",decisive,coder_posteriors") == true)
        #expect(lines.dropFirst().allSatisfy { $0.contains("ana=") }, "every row names each coder's own posterior")

        // Table: names the assumption and each coder's view.
        let table = try CLI.run(["weigh", "--db", db, "--round", "rel-1", "--case", "KOREA-1950/COL"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Assumption: "))
        #expect(table.stdout.contains("their posteriors need not sum to 1"), "the output names the one-category-at-a-time choice")
        #expect(table.stdout.contains("each coder before adjudication: ana"))
        #expect(table.stdout.contains("counted once with item"))

        // The report has a weighing section: one waterfall per category with evidence, per case.
        let withItems = try cases.reduce(0) { n, c in
            try n + #require(c["hypotheses"] as? [[String: Any]]).filter { !(($0["items"] as? [Any]) ?? []).isEmpty }.count
        }
        let html = dir.appendingPathComponent("weighed.html")
        let report = try CLI.run(["report", "--db", db, "--round", "rel-1", "-o", html.path, "--bootstrap", "50"])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<h2 id=\"weighing\">Weighing the evidence</h2>"))
        #expect(page.components(separatedBy: "class=\"weighing-chart\"").count - 1 == withItems)
        // Each coder's view and its spread: in the sample, ana and ben lean different ways on
        // VIETNAM-1964/PHL OPP before adjudication, and the report says so.
        #expect(page.contains("spread"))
        #expect(page.contains("(lean differently)"))
        let md = dir.appendingPathComponent("weighed.md")
        #expect(try CLI.run(["report", "--db", db, "--round", "rel-1", "-o", md.path, "--bootstrap", "50"]).status == 0)
        let markdown = try String(contentsOf: md, encoding: .utf8)
        #expect(markdown.contains("## Weighing the evidence"))
        #expect(markdown.contains("Coders' spread") && markdown.contains("(lean differently)"))

        // Bad input: a message, a non-zero exit.
        for (args, message) in [(["--prior", "1"], "strictly between 0 and 1"), (["--prior", "XYZ=0.3"], "no category XYZ"),
                                (["--prior", "OPP=often"], "give a number"), (["--damping", "0.5"], "at least 1"),
                                (["--case", "NOPE/XX"], "NOPE/XX")] {
            let r = try CLI.run(["weigh", "--db", db, "--round", "rel-1"] + args)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    /// Every posterior, weight, prior-grid posterior, damped posterior and decisive item of a
    /// `weigh --format json` document, recomputed by `Benchmarks/weighing/reference.py`, which
    /// multiplies the same likelihoods with numpy instead of adding decibans; to 1e-9. Skipped with
    /// one line when python3 with numpy is not on the machine.
    static func crossCheckWithNumpy(_ object: [String: Any]) throws {
        let script = CLI.repoRoot.appendingPathComponent("Benchmarks/weighing/reference.py")
        let damping = try #require(object["damping_factor"] as? Double)
        var binary: [[String: Any]] = []
        var ours: [(label: String, posterior: Double, grid: [Double], damped: Double, weights: [Double], decisive: [Int])] = []
        for c in try #require(object["cases"] as? [[String: Any]]) {
            for h in try #require(c["hypotheses"] as? [[String: Any]]) {
                let counted = try #require(h["items"] as? [[String: Any]]).filter { $0["counted_once_with"] == nil }
                let pairs = try counted.map { [try #require($0["p_if_member"] as? Double), try #require($0["p_if_not_member"] as? Double)] }
                let s = try #require(h["sensitivity"] as? [String: Any])
                let grid = try #require(s["grid"] as? [[String: Any]])
                binary.append(["prior": try #require(h["prior"] as? Double), "items": pairs,
                               "grid": try grid.map { try #require($0["prior"] as? Double) }, "factor": damping])
                // Decisive items are numbered among all items; the script numbers the counted ones from 0.
                let numbers = try counted.map { try #require($0["item"] as? Int) }
                let decisive = try #require(s["decisive_items"] as? [Int]).compactMap { numbers.firstIndex(of: $0) }
                ours.append(("\(c["case_id"] ?? "") \(h["category"] ?? "")", try #require(h["posterior"] as? Double),
                             try grid.map { try #require($0["posterior"] as? Double) }, try #require(s["damped_posterior"] as? Double),
                             try counted.map { try #require($0["weight_db"] as? Double) }, decisive))
            }
        }
        let input = try JSONSerialization.data(withJSONObject: ["binary": binary])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path]
        let out = Pipe(), inPipe = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        p.standardInput = inPipe
        do { try p.run() } catch {
            print("skipped: python3 is not available to run Benchmarks/weighing/reference.py")
            return
        }
        inPipe.fileHandleForWriting.write(input)
        try? inPipe.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            print("skipped: python3 with numpy could not run Benchmarks/weighing/reference.py")
            return
        }
        let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let theirs = try #require(answer["binary"] as? [[String: Any]])
        #expect(theirs.count == ours.count && ours.count > 10)
        for (mine, ref) in zip(ours, theirs) {
            #expect(abs(mine.posterior - (ref["posterior"] as? Double ?? .nan)) < 1e-9, "\(mine.label)")
            #expect(abs(mine.damped - (ref["damped"] as? Double ?? .nan)) < 1e-9, "\(mine.label)")
            let grid = ref["grid"] as? [Double] ?? []
            #expect(grid.count == mine.grid.count && zip(grid, mine.grid).allSatisfy { abs($0 - $1) < 1e-9 }, "\(mine.label)")
            let weights = ref["weights"] as? [Double] ?? []
            #expect(weights.count == mine.weights.count && zip(weights, mine.weights).allSatisfy { abs($0 - $1) < 1e-9 }, "\(mine.label)")
            #expect(ref["decisive"] as? [Int] == mine.decisive, "\(mine.label)")
        }
    }
}
