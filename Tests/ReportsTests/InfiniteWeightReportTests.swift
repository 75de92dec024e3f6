import Codebook
import Foundation
import Reconciliation
import Testing
@testable import Reports

/// A likelihood of 0 as people and programs read it: ±inf in the table, "Infinity" in JSON, a
/// posterior of exactly 0 or 1, never NaN; a category with contradicting zeros listed as unweighable
/// in the table, the CSV and the HTML, while the case's other categories are weighed.
@Suite struct InfiniteWeightReportTests {
    /// OPP = any(OPP.quid), with OPP.quid impossible outside OPP (0.4/0); WIR = WIR.need, impossible
    /// to contradict for a member (1/0.5); DD = DD.sure, with DD.for (0.5/0) and DD.against (1/0.5).
    static let codebook = Codebook(
        id: "zeros", version: SemanticVersion(major: 1, minor: 0, patch: 0), title: "Zeros",
        dimensions: [Dimension(
            id: "d", label: "d",
            categories: [Category(id: "OPP", label: "o", rule: .criterion("OPP.quid")),
                         Category(id: "WIR", label: "w", rule: .criterion("WIR.need")),
                         Category(id: "DD", label: "dd", rule: .criterion("DD.for"))],
            criteria: [Criterion(id: "OPP.quid", label: "q", definition: "q", test: .smokingGun,
                                 likelihoods: ["OPP": Likelihood(ifMember: 0.4, ifNotMember: 0)]),
                       Criterion(id: "WIR.need", label: "n", definition: "n", test: .hoop,
                                 likelihoods: ["WIR": Likelihood(ifMember: 1, ifNotMember: 0.5)]),
                       Criterion(id: "DD.for", label: "f", definition: "f", test: .smokingGun,
                                 likelihoods: ["DD": Likelihood(ifMember: 0.5, ifNotMember: 0)]),
                       Criterion(id: "DD.against", label: "a", definition: "a", test: .strawInTheWind,
                                 likelihoods: ["DD": Likelihood(ifMember: 1, ifNotMember: 0.5)])])])

    func report() throws -> WeighingReport {
        let codings = [
            CoderUnitCoding(unit: UnitKey(passageId: 1, caseId: "K"), coder: "ana", present: ["OPP.quid", "DD.for"], passageLength: 10),
            CoderUnitCoding(unit: UnitKey(passageId: 2, caseId: "K"), coder: "ana", present: [], passageLength: 10,
                            contradicting: ["WIR.need", "DD.against"]),
        ]
        let classified = try #require(try CaseClassification.classify(codebook: Self.codebook, codings: codings).first)
        let w = try CaseWeighing.weigh(classified, codebook: Self.codebook)
        return WeighingReport(round: "r", weighings: [w], views: [:], citations: [:], register: Register(), options: .init())
    }

    @Test func tableJSONCSVAndHTML() throws {
        let r = try report()
        let w = try #require(r.weighings.first)
        let opp = try #require(w.hypotheses.first { $0.category == "OPP" })
        let wir = try #require(w.hypotheses.first { $0.category == "WIR" })
        #expect(opp.posterior == 1 && opp.posteriorLogOdds == .infinity)
        #expect(wir.posterior == 0 && wir.posteriorLogOdds == -.infinity)
        #expect(w.unweighable.map(\.category) == ["DD"])

        let table = r.table()
        #expect(table.contains("+inf"))
        #expect(table.contains("-inf"))
        #expect(table.contains("certain: item 1 has likelihood 0 outside the category"))
        #expect(table.contains("certain: item 1 has likelihood 0 inside the category"))
        #expect(table.contains("d · DD: prior 0.500, CANNOT BE WEIGHED: DD: item 1 (DD.for supports, passage 1"))
        #expect(!table.lowercased().contains("nan"))

        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let json = String(decoding: try encoder.encode(r.view), as: UTF8.self)
        #expect(json.contains("\"Infinity\"") && json.contains("\"-Infinity\""))
        #expect(!json.contains("NaN"))
        #expect(json.contains("\"unweighable\":[{"))

        let rows = r.csvRows()
        #expect(rows.allSatisfy { $0.count == WeighingReport.csvHeaders.count })
        let dd = try #require(rows.first { $0[2] == "DD" })
        #expect(dd[WeighingReport.csvHeaders.firstIndex(of: "comparison")!] == "undefined")
        #expect(!rows.joined().contains { $0 == "nan" })

        let html = HTMLReport.weighingSection(r)
        #expect(html.contains("No chart: item 1 has a likelihood of 0"))
        #expect(html.contains("cannot be weighed"))
        #expect(!html.contains("NaN") && !html.contains("nan\""))
    }
}
