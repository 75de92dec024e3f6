import Foundation
import Testing
@testable import Reports

@Suite("Large reports")
struct LargeReportTests {
    @Test("beyond the inline limit, each case shows its first items and links to the evidence file; below it, everything is inline")
    func summarisesLargeEvidence() throws {
        var report = try ReportFixtures.report()
        let small = HTMLReport.render(report, evidenceFile: "r-evidence.csv")
        #expect(!small.contains("more evidence items"))
        let item = try #require(report.cases.first?.evidence.first)
        report.cases[0].evidence = Array(repeating: item, count: HTMLReport.inlineEvidenceLimit + 1)
        let html = HTMLReport.render(report, evidenceFile: "r-evidence.csv")
        let (ok, doc) = XMLCollector.parse(html)
        #expect(ok, "parse error: \(String(describing: doc.error))")
        #expect(html.contains("\(HTMLReport.inlineEvidenceLimit - HTMLReport.summaryItemsPerCase + 1) more evidence items"))
        #expect(html.contains("<a href=\"r-evidence.csv\">"))
        let shown = html.components(separatedBy: item.citation).count - 1
        #expect(shown < HTMLReport.summaryItemsPerCase * report.cases.count + 2)
    }

    @Test("Markdown summarises the same way and names the evidence appendix")
    func markdownSummarisesLargeEvidence() throws {
        var report = try ReportFixtures.report()
        let small = MarkdownReport.render(report, evidenceFile: "r-evidence.md")
        #expect(!small.contains("more evidence items"))
        let item = try #require(report.cases.first?.evidence.first)
        // Below the limit everything is inline, exactly as before.
        #expect(small.components(separatedBy: "Source: ").count - 1 == report.cases.reduce(0) { $0 + $1.evidence.count })
        report.cases[0].evidence = Array(repeating: item, count: HTMLReport.inlineEvidenceLimit + 1)
        let md = MarkdownReport.render(report, evidenceFile: "r-evidence.md")
        #expect(md.contains("\(HTMLReport.inlineEvidenceLimit - HTMLReport.summaryItemsPerCase + 1) more evidence items for "))
        #expect(md.contains("all of them are in [r-evidence.md](r-evidence.md)"))
        let shown = md.components(separatedBy: "Source: ").count - 1
        #expect(shown <= HTMLReport.summaryItemsPerCase * report.cases.count)
        #expect(shown >= HTMLReport.summaryItemsPerCase)
    }
}
