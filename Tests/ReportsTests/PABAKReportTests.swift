import Foundation
import Reconciliation
import Testing
@testable import Reports

/// Prevalence and bias indices and PABAK on binary criteria (Byrt, Bishop & Carlin 1993), against
/// the values `Benchmarks/agreement/pabak_reference.py` prints for the same tables (plain Python
/// from the raw values, checked there against Byrt et al.'s identity).
@Suite struct PABAKReportTests {
    /// What the Python reference printed: a, b, c, d, p_o, kappa, PABAK, PI, BI.
    static let reference: [String: (Int, Int, Int, Int, Double, Double?, Double, Double, Double)] = [
        "WIR.volunteered": (2, 1, 0, 7, 0.9, 0.7368421052631581, 0.8, -0.5, 0.1),
        "WIR.link": (1, 1, 0, 8, 0.9, 0.6153846153846153, 0.8, -0.7, 0.1),
        "CRC.recruited": (5, 0, 0, 5, 1.0, 1.0, 1.0, 0.0, 0.0),
        "OPP.threat": (0, 0, 0, 10, 1.0, nil, 1.0, -1.0, 0.0),
        "rare": (1, 1, 3, 95, 0.96, 0.3150684931506844, 0.9199999999999999, -0.94, -0.02),
    ]

    func check(_ p: BinaryPairAgreement, _ name: String) throws {
        let r = try #require(Self.reference[name])
        #expect((p.bothPresent, p.firstOnly, p.secondOnly, p.bothAbsent) == (r.0, r.1, r.2, r.3), "\(name)")
        #expect(abs(try #require(p.observedAgreement) - r.4) < 1e-12)
        if let k = r.5 { #expect(abs(try #require(p.cohenKappa) - k) < 1e-12, "\(name)") } else { #expect(p.cohenKappa == nil) }
        #expect(abs(try #require(p.pabak) - r.6) < 1e-12)
        #expect(abs(try #require(p.prevalenceIndex) - r.7) < 1e-12)
        #expect(abs(try #require(p.biasIndex) - r.8) < 1e-12)
    }

    @Test("PI, BI, PABAK and kappa per pair match the independent Python reference")
    func matchesTheReference() throws {
        let report = try ReportFixtures.report()
        for c in report.criteria {
            let pairs = BinaryPairAgreement.pairs(for: c)
            #expect(pairs.count == 1 && pairs[0].first == "ann" && pairs[0].second == "bob")
            try check(pairs[0], c.criterion)
            // Cohen's kappa of the pair is the kappa the report's table shows for two coders.
            if let k = c.kappa, let mine = pairs[0].cohenKappa { #expect(abs(k - mine) < 1e-12) }
        }
        // The kappa paradox: 96% agreement on a rare criterion, kappa .315, PABAK .92.
        let codings = (1...100).flatMap { (p: Int64) -> [CoderUnitCoding] in
            let first: Set<String> = p <= 2 ? ["X.rare"] : []
            let second: Set<String> = [1, 3, 4, 5].contains(p) ? ["X.rare"] : []
            return [ReportFixtures.coding("ann", "C", p, first), ReportFixtures.coding("bob", "C", p, second)]
        }
        let rare = try ReliabilityResult(ReliabilityRequest(criteria: ["X.rare"], codings: codings, bootstrapReplicates: 0))
        try check(try #require(BinaryPairAgreement.pairs(for: rare.criteria[0]).first), "rare")
    }

    @Test("The report shows the table for tagged binary criteria and names the untagged ones once")
    func inTheReport() throws {
        let report = try ReportFixtures.report()
        let md = MarkdownReport.render(report)
        #expect(md.contains("## Prevalence, bias and PABAK (binary criteria)"))
        #expect(md.contains("Byrt, Bishop & Carlin 1993"))
        #expect(md.contains("| `WIR.link` | ann – bob | 10 | 1 | 1 | 0 | 8 | 0.900 | 0.615 | 0.800 | -0.700 | 0.100 |"), "\(md)")
        #expect(md.contains("- 1 criteria nobody tagged (PI −1, PABAK 1, κ undefined): OPP.threat"))
        #expect(!md.contains("| `OPP.threat` | ann – bob"))
        let html = HTMLReport.render(report)
        #expect(html.contains("<h2 id=\"pabak\">") && html.contains("<td><code>WIR.link</code></td><td>ann – bob</td><td>10</td>"))
    }

    @Test("A criterion with contradicting evidence has three values: no PI or BI")
    func threeValues() throws {
        var codings = ReportFixtures.codings
        let i = try #require(codings.firstIndex { $0.coder == "ann" && $0.unit.passageId == 4 })
        codings[i].contradicting = ["WIR.link"]
        let r = try ReliabilityResult(ReliabilityRequest(criteria: ReportFixtures.criteria, codings: codings, bootstrapReplicates: 0))
        let link = try #require(r.criteria.first { $0.criterion == "WIR.link" })
        #expect(BinaryPairAgreement.pairs(for: link).isEmpty)
    }
}
