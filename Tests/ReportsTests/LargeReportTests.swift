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
}
