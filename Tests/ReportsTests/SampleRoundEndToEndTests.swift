import Foundation
import Testing
@testable import ProjectStore
import Reconciliation
@testable import Reports
#if canImport(FoundationXML)
import FoundationXML
#endif

/// End to end on the bundled sample data (Imports/): import, code, reconcile, adjudicate, classify, report.
@Suite struct SampleRoundEndToEndTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func sample(adjudicate: Bool) throws -> (SampleProject, RoundData) {
        let sample = try SampleProject(root: Self.repoRoot)
        try sample.build(adjudicate: adjudicate)
        return (sample, try RoundData.load(sample.database, round: SampleProject.round))
    }

    /// OPP.quid_pro_quo in the sample (codebook 2.0.0, which merged OPP.side_deal_first into it):
    /// 41 units, both coders absent on 33, both present on four (Thailand p2 and p4, Egypt para 4,
    /// Nigeria para 2), ana absent and ben present on two (Thailand p3, Egypt para 3), ana present
    /// and ben absent on two (Philippines p3, Egypt para 5).
    /// Coincidences: o00 = 66, o11 = 8, o01 = o10 = 4; n0 = 70, n1 = 12, n = 82.
    /// alpha = 1 - (n - 1)(o01 + o10) / (2 n0 n1) = 1 - 81·8 / 1680 = 43/70.
    /// Cohen: po = 37/41, pe = (6·6 + 35·35)/41² = 1261/1681, kappa = (1517 - 1261)/420 = 64/105.
    @Test func handCheckedCriterionFromTheSampleRound() throws {
        let (_, data) = try sample(adjudicate: false)
        let r = try data.reliability(bootstrap: 200, seed: 3)
        #expect(r.units.count == 41)
        let c = try #require(r.criteria.first { $0.criterion == "OPP.quid_pro_quo" })
        #expect(c.units == 41)
        #expect(c.pairableValues == 82)
        #expect(abs(c.alpha! - 43.0 / 70.0) < 1e-12)
        #expect(abs(c.percentAgreement! - 37.0 / 41.0) < 1e-12)
        #expect(abs(c.kappa! - 64.0 / 105.0) < 1e-12)
        #expect(abs(c.prevalence! - 12.0 / 82.0) < 1e-12)
        // 41 units with the rarer value in 12/82 of values: far fewer than a test of .667 needs.
        #expect(c.verdict == .insufficientData)
        // A criterion nobody used has no variation: alpha undefined, said so, not NaN.
        let unused = try #require(r.criteria.first { $0.criterion == "PAY.insurance" })
        #expect(unused.alpha == nil)
        #expect(unused.verdict == .undefined)
    }

    /// Colombia p4: ana marked the span "offer is sincere" for WIR.genuine_interest, ben tagged the
    /// passage without a span. For unitizing, ben's unspanned tag is missing: the passage is left out
    /// for that criterion (not taken as a whole-passage span), and listed.
    @Test func unspannedTagsAreMissingForUnitizing() throws {
        let (_, data) = try sample(adjudicate: false)
        let colombia = data.codings.filter { $0.unit.caseId == "KOREA-1950/COL" && $0.spans["WIR.genuine_interest"] != nil }
        let ana = try #require(colombia.first { $0.coder == "ana" })
        #expect(ana.spans["WIR.genuine_interest"]!.count == 1)
        #expect(ana.spans["WIR.genuine_interest"]![0].count == "offer is sincere".unicodeScalars.count)
        let ben = try #require(data.codings.first { $0.coder == "ben" && $0.unit == ana.unit })
        #expect(ben.present.contains("WIR.genuine_interest"))
        #expect(ben.spans["WIR.genuine_interest"] == nil)
        #expect(data.codings.allSatisfy { $0.spans["PAY.transport"] == nil })
        let r = try data.reliability(bootstrap: 0, seed: 3)
        let u = try #require(r.criteria.first { $0.criterion == "WIR.genuine_interest" }?.unitizing)
        #expect(u.unspannedUnits.contains(ana.unit))
        #expect(!u.units.contains(ana.unit))
    }

    @Test func adjudicationChangesTheClassificationButNotTheReliability() throws {
        let (sample, before) = try sample(adjudicate: false)
        let reliabilityBefore = try before.reliability(bootstrap: 200, seed: 3)
        let phlBefore = try #require(try before.classifications(caseId: "VIETNAM-1964/PHL").first)
        #expect(phlBefore.status(of: "OPP.quid_pro_quo") == .contested)
        let oppBefore = phlBefore.classifications.first { $0.dimension == "recipient_type" }!
        #expect(!oppBefore.members.contains("OPP"))
        #expect(oppBefore.undecided.contains("OPP"))

        _ = try AdjudicationStore(database: sample.database)
            .importFile(Self.repoRoot.appendingPathComponent("Imports/codings/adjudications.csv"))
        let after = try RoundData.load(sample.database, round: SampleProject.round)
        let reliabilityAfter = try after.reliability(bootstrap: 200, seed: 3)
        #expect(reliabilityAfter.criteria == reliabilityBefore.criteria)
        let phlAfter = try #require(try after.classifications(caseId: "VIETNAM-1964/PHL").first)
        #expect(phlAfter.status(of: "OPP.quid_pro_quo") == .established)
        #expect(phlAfter.classifications.first { $0.dimension == "recipient_type" }!.members.contains("OPP"))
    }

    @Test func categoryRuleOnEstablishedCriteria() throws {
        let (_, data) = try sample(adjudicate: true)
        let col = try #require(try data.classifications(caseId: "KOREA-1950/COL").first)
        for id in ["WIR.volunteered", "WIR.limited_requests", "WIR.genuine_interest", "WIR.lacks_resources"] {
            #expect(col.status(of: id) == .established, "\(id)")
        }
        #expect(col.status(of: "PAY.allowances") == .notFound, "adjudicated no tag: not found")
        #expect(col.classifications.first { $0.dimension == "recipient_type" }!.members == ["WIR"])
        // The evidence trail names the passages that established each criterion.
        let trail = col.evidence.filter { $0.criterion == "WIR.volunteered" }
        #expect(!trail.isEmpty)
    }

    @Test func reportFilesAreProducedAndWellFormed() throws {
        let (sample, data) = try sample(adjudicate: true)
        let reliability = try data.reliability(bootstrap: 200, seed: 1)
        let report = try ProjectReportBuilder(database: sample.database)
            .reliabilityReport(data, reliability: reliability, project: "sample")
        let html = HTMLReport.render(report)
        let parser = XMLParser(data: Data(html.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "HTML must parse as XML: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.names.contains("svg"))
        #expect(html.contains("0.614"))
        #expect(!html.contains("NaN"))
        let csv = EvidenceAppendix.csv(report.cases)
        #expect(csv.contains("KOREA-1950/COL"))
        #expect(csv.contains("history.state.gov/historicaldocuments/dossier-sample-korea/d1"))
        let md = EvidenceAppendix.markdown(report.cases)
        #expect(md.contains("WIR.volunteered"))
    }
}

final class ElementCollector: NSObject, XMLParserDelegate {
    var names: Set<String> = []
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        names.insert(elementName)
    }
}
