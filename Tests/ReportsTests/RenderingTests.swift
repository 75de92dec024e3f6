import Agreement
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reconciliation
import Testing
@testable import Reports

/// Collects elements and text of an XML document.
final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ xml: String) -> (ok: Bool, collector: XMLCollector) {
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        return (ok, collector)
    }
}

/// Minimal RFC 4180 reader for checking the writer.
func readCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let c = scalars.popFirst() {
        if quoted {
            if c == "\"" {
                if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\r" && scalars.first == "\n" { scalars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
        else { field.unicodeScalars.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Reports")
struct RenderingTests {
    @Test("HTML parses as XML; svg with one marker per criterion and two reference lines; numbers present")
    func htmlIsXML() throws {
        let report = try ReportFixtures.report()
        let html = HTMLReport.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let (ok, doc) = XMLCollector.parse(html)
        #expect(ok, "parse error: \(String(describing: doc.error))")
        #expect(doc.elements.filter { $0.name == "svg" }.count == 1)
        let defined = report.criteria.filter { $0.alpha != nil }.count
        #expect(defined == 3)
        #expect(doc.elements.filter { $0.name == "circle" && $0.attributes["class"] == "alpha-point" }.count == defined)
        #expect(doc.elements.filter { $0.name == "g" && $0.attributes["class"] == "criterion" }.count == report.criteria.count)
        let references = doc.elements.filter { $0.name == "line" && $0.attributes["class"] == "reference" }
        #expect(references.compactMap { $0.attributes["data-minimum"] } == ["0.667", "0.800"])
        #expect(doc.text.contains("α = .667") && doc.text.contains("α = .800"))
        #expect(doc.elements.filter { $0.name == "line" && $0.attributes["class"] == "interval" }.count == defined)
        #expect(doc.elements.contains { $0.name == "style" })
        #expect(!doc.elements.contains { $0.name == "script" || $0.name == "link" || $0.name == "img" })
        // Figures: alpha(WIR.link) = 64/102, alpha(WIR.volunteered) = 56/75, kappa(WIR.link) = .16/.26, AC1 = .645/.745.
        for figure in ["0.627", "0.747", "1.000", "0.615", "0.866", "0.900", "0.150"] {
            #expect(doc.text.contains(figure), "missing \(figure)")
        }
        // Text that needs escaping comes through intact.
        #expect(doc.text.contains("Reliability of the pilot round <2>"))
        #expect(doc.text.contains("Buying allies & friends"))
        #expect(doc.text.contains("Seoul, not Washington, <b>names</b> the link"))
        #expect(doc.text.contains("Linked <interest>"))
        #expect(doc.text.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        #expect(doc.text.contains("simple random sample of passages, stratified by case"))
        #expect(doc.text.contains("20240501"))
        // Weakest three: WIR.link, WIR.volunteered, CRC.recruited.
        #expect(doc.text.contains("Coincidence matrices of the weakest criteria"))
        #expect(doc.elements.filter { $0.name == "h3" }.count >= 3)
        // Classification with evidence.
        #expect(doc.text.contains("Willing but inadequately resourced (WIR)"))
        #expect(doc.text.contains("adjudicated supports by pi"))
        #expect(doc.text.contains("FRUS, 1964–1968, vol. XXIX"))
    }

    @Test("undefined values print as a dash, never NaN")
    func noNaN() throws {
        var report = try ReportFixtures.report()
        // A criterion made of undefined and non-finite values.
        let broken = CriterionReliability(
            criterion: "X.broken", units: 0, coders: [], pairableValues: 0, prevalence: .nan, percentAgreement: .infinity,
            alpha: .nan, alphaLow: .nan, alphaHigh: nil, kappaKind: .fleiss, kappa: nil, ac1: -.infinity,
            coincidences: .init(labels: ["absent", "present"], counts: [[.nan, 0], [0, 0]]), verdict: .undefined)
        report.criteria.append(broken)
        let outputs = [HTMLReport.render(report), MarkdownReport.render(report),
                       EvidenceAppendix.markdown(report.cases), EvidenceAppendix.csv(report.cases)]
        for text in outputs {
            let words = text.lowercased().split { !$0.isLetter }
            #expect(!words.contains { $0 == "nan" || $0 == "inf" || $0 == "infinity" })
            #expect(!text.contains("NaN"))
        }
        #expect(outputs[0].contains("—"))
        #expect(XMLCollector.parse(outputs[0]).ok)
        let threat = report.criteria.first { $0.criterion == "OPP.threat" }!
        #expect(threat.alpha == nil)
        #expect(ReportFormat.number(nil) == "—")
        #expect(ReportFormat.number(.nan) == "—")
        #expect(ReportFormat.number(-0.0001) == "0.000")
        #expect(ReportFormat.number(2.0 / 3.0) == "0.667")
        #expect(ReportFormat.interval(0.5, nil) == "—")
        #expect(ReportFormat.number(.infinity) == "—")
    }

    @Test("Markdown has the per-criterion table")
    func markdown() throws {
        let report = try ReportFixtures.report()
        let md = MarkdownReport.render(report)
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| Criterion | Label | Units |") })
        #expect(lines[header].contains("P(α < .667)") && lines[header].contains("P(α < .800)"))
        #expect(lines[header + 1].hasPrefix("| --- |"))
        let columns = lines[header].filter { $0 == "|" }.count
        for (i, id) in ReportFixtures.criteria.enumerated() {
            let row = lines[header + 2 + i]
            #expect(row.hasPrefix("| `\(id)` |"))
            #expect(row.filter { $0 == "|" }.count == columns)
        }
        #expect(lines[header + 3].contains("0.627") && lines[header + 3].contains("insufficient data"))
        #expect(lines[header + 2].contains("insufficient data"))
        #expect(md.contains("`WIR.link` (10 of 121 units)"))
        // A caveat shared by several criteria is said once.
        let noVariation = md.components(separatedBy: "\n").filter { $0.contains("with no variation") }
        #expect(noVariation.count == 1, "\(noVariation)")
        // The methods paragraph has the numbers filled in.
        #expect(md.contains("## Methods paragraph"))
        #expect(md.contains("independently coded 10 units"))
        #expect(md.contains("Krippendorff's alpha (nominal)"))
        #expect(md.contains("Sample size"))
        #expect(md.contains("Gwet's (2014) analytic standard errors"))
        #expect(lines[header + 5].contains("undefined") && lines[header + 5].contains("—"))
        #expect(md.contains("## How disagreements were resolved"))
        #expect(md.contains("| Adjudicated present | 1 |"))
        #expect(md.contains("## Coincidence matrices of the weakest criteria"))
        #expect(md.contains("| **absent** | 16.000 | 1.000 | 17.000 |"))
        #expect(md.contains("Linked \\<interest>"))
        #expect(md.contains("Washington, \\<b>names\\</b>") && !md.contains(", <b>"))
    }

    /// Lombard et al.'s "compact" reporting: dropped bootstrap replicates are one note listing the criteria,
    /// not one line per criterion; the methods paragraph counts adjudicated and open disagreements apart.
    @Test("Dropped replicates are one grouped note; the methods paragraph says how many disagreements were adjudicated")
    func groupedDroppedReplicates() throws {
        var report = try ReportFixtures.report()
        for i in report.criteria.indices.prefix(3) {
            report.criteria[i].bootstrapReplicates = 1000
            report.criteria[i].droppedReplicates = 10 * (i + 1)
        }
        let notes = ReportNotes.grouped(report.criteria)
        let dropped = notes.filter { $0.contains("replicates dropped") }
        #expect(dropped.count == 1, "\(notes)")
        let ids = report.criteria.prefix(3).map(\.criterion)
        #expect(dropped.first?.hasPrefix("3 criteria with bootstrap replicates dropped") == true)
        #expect(dropped.first?.contains("`\(ids[0])` 10 of 1000, `\(ids[1])` 20 of 1000, `\(ids[2])` 30 of 1000") == true, "\(dropped)")
        report.resolution = ResolutionCounts(disagreements: 11, adjudicatedPresent: 2, adjudicatedAbsent: 2, open: 7)
        let paragraph = ReportNotes.methodsParagraph(report)
        #expect(paragraph.contains("Of the 11 disagreements, 4 were adjudicated (2 present, 2 absent; 0 adjudications overrode agreeing coders) and 7 remain open"), "\(paragraph)")
    }

    @Test("The methods paragraph names three values where a coder tagged contradicting evidence")
    func methodsParagraphValues() throws {
        var report = try ReportFixtures.report()
        #expect(ReportNotes.methodsParagraph(report).contains("Each of the \(report.criteria.count) criteria was treated as present or absent per coder and unit"))
        var codings = ReportFixtures.codings
        let i = try #require(codings.firstIndex { $0.coder == "ann" && $0.unit.passageId == 4 })
        codings[i].contradicting = ["WIR.link"]
        report.criteria = try ReliabilityResult(ReliabilityRequest(criteria: ReportFixtures.criteria, codings: codings,
                                                                   bootstrapReplicates: 0)).criteria
        let paragraph = ReportNotes.methodsParagraph(report)
        #expect(!paragraph.contains("Each of the \(report.criteria.count) criteria was treated as present or absent"), "\(paragraph)")
        #expect(paragraph.contains("present or absent (\(report.criteria.count - 1) of the \(report.criteria.count) criteria) or, where a coder tagged contradicting evidence, as supporting, contradicting or not tagged (three nominal values; 1 criterion)"), "\(paragraph)")
    }

    @Test("Reliability data CSV per criterion reads back into the same alpha")
    func reliabilityData() throws {
        let report = try ReportFixtures.report()
        for c in report.criteria {
            let text = ReliabilityDataExport.csv(c)
            let data = try ReliabilityCSV.parse(text, source: c.criterion, categoryOrder: ["0", "1"])
            #expect(data.coderNames == c.coders)
            #expect(data.unitCount == c.values.count)
            let alpha = try KrippendorffAlpha(data, level: .nominal)
            if let expected = c.alpha {
                #expect(abs(try #require(alpha.value) - expected) < 1e-12, "\(c.criterion)")
            } else {
                #expect(alpha.value == nil)
            }
        }
        #expect(ReliabilityDataExport.fileName("WIR.link") == "WIR.link.csv")
        #expect(ReliabilityDataExport.fileName("a/b c") == "a_b_c.csv")
    }

    @Test("The long reliability file (unit, coder, criterion, value) pivots back into every criterion's alpha, three values included")
    func longReliabilityData() throws {
        // The fixture round, with ann's WIR.link in unit 4 tagged as contradicting evidence.
        var codings = ReportFixtures.codings
        let i = try #require(codings.firstIndex { $0.coder == "ann" && $0.unit.passageId == 4 })
        codings[i].contradicting = ["WIR.link"]
        let result = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.volunteered", "WIR.link", "CRC.recruited", "OPP.threat"],
                                                              codings: codings, bootstrapReplicates: 0))
        let long = ReliabilityDataExport.longCSV(result.criteria)
        let rows = long.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["unit", "passage_id", "case_id", "coder", "criterion", "value", "label"])
        // 10 units x 2 coders x 4 criteria, no unit unfinished.
        #expect(rows.count - 1 == 10 * 2 * 4)
        #expect(rows.contains(["p4 KOR-1965", "4", "KOR-1965", "ann", "WIR.link", "2", "contradicts"]))
        for c in result.criteria {
            // Pivot the long rows to units x coders, as tidyr::pivot_wider or pandas pivot would.
            var wide: [String: [String: String]] = [:]
            for r in rows.dropFirst() where r[4] == c.criterion { wide[r[0], default: [:]][r[3]] = r[5] }
            let text = "unit,ann,bob\n" + wide.keys.sorted().map { "\($0),\(wide[$0]!["ann"] ?? ""),\(wide[$0]!["bob"] ?? "")" }.joined(separator: "\n")
            let fromLong = try KrippendorffAlpha(try ReliabilityCSV.parse(text, source: "long", categoryOrder: ["0", "1", "2"]), level: .nominal)
            let fromWide = try KrippendorffAlpha(try ReliabilityCSV.parse(ReliabilityDataExport.csv(c), source: "wide", categoryOrder: ["0", "1", "2"]), level: .nominal)
            if let expected = c.alpha {
                #expect(abs(try #require(fromLong.value) - expected) < 1e-12, "\(c.criterion)")
                #expect(abs(try #require(fromWide.value) - expected) < 1e-12, "\(c.criterion)")
            } else {
                #expect(fromLong.value == nil && fromWide.value == nil)
            }
        }
        // The wide file writes the contradicting value as 2, so `dossier agreement` sees three values too.
        let link = try #require(result.criteria.first { $0.criterion == "WIR.link" })
        #expect(ReliabilityDataExport.csv(link).contains("p4 KOR-1965,2,0"))
    }

    @Test("evidence appendix CSV: RFC 4180 quoting of commas, quotes, newlines")
    func csv() throws {
        let report = try ReportFixtures.report()
        let text = EvidenceAppendix.csv(report.cases)
        #expect(text.hasPrefix("case,recipient,operation,criterion,criterion_label,status,passage_id,page,excerpt,note,citation,editorial\r\n"))
        let rows = readCSV(text)
        #expect(rows.allSatisfy { $0.count == 12 })
        let items = report.cases.flatMap(\.evidence)
        #expect(rows.count == items.count + 1)
        let link = try #require(rows.first { $0[3] == "WIR.link" && $0[6] == "1" })
        #expect(link[0] == "KOR-1965")
        #expect(link[1] == "Republic of Korea")
        #expect(link[5] == "established")
        #expect(link[7] == "101")
        #expect(link[8] == "Passage 1: \"We will send a division,\" said Park,\nif aid & loans continue.")
        #expect(link[9] == "ann: Park ties the \"offer\" to aid, and to the DMZ")
        #expect(link[10] == "FRUS, 1964–1968, vol. XXIX, pt. 1, doc. 1, Brown to Rusk, Seoul, May 1965")
        let adjudicated = try #require(rows.first { $0[3] == "WIR.link" && $0[6] == "2" })
        #expect(adjudicated[9].contains("adjudication (pi): Seoul, not Washington, <b>names</b> the link"))
        #expect(ReportFormat.csv("plain") == "plain")
        #expect(ReportFormat.csv("a,b") == "\"a,b\"")
        #expect(ReportFormat.csv("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReportFormat.csv("line\r\nbreak") == "\"line\r\nbreak\"")
    }

    @Test("evidence appendix Markdown: excerpt, note, citation per established criterion")
    func appendixMarkdown() throws {
        let report = try ReportFixtures.report()
        let md = EvidenceAppendix.markdown(report.cases)
        #expect(md.contains("## KOR-1965 — Republic of Korea, Vietnam War"))
        #expect(md.contains("> if aid & loans continue."))
        #expect(md.contains("*Note:* ann: Park ties the \"offer\" to aid, and to the DMZ"))
        #expect(md.contains("Source: FRUS, 1964–1968"))
        #expect(md.contains("**Recruited** (`CRC.recruited`, established), passage 1, p. 101; coders agree: ann, bob"))
    }
}

