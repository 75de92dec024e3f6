import Foundation
import Testing
@testable import Interchange
import ProjectStore
import Reconciliation
import Reports

/// Editorial material (source notes, editors' footnotes, editorial notes) is marked as such in
/// every export and report of a passage, so nobody downstream mistakes it for archival text. The
/// sample round codes some editors' footnotes of the FRUS-format teaching volume.
@Suite struct EditorialMarkingTests {
    static func sample() throws -> (SampleProject, RoundWork, RoundData) {
        let project = try SampleProject(root: SchemaValidation.repoRoot)
        try project.build()
        return (project, try RoundWork.load(project.database, round: SampleProject.round),
                try RoundData.load(project.database, round: SampleProject.round))
    }

    @Test func everyExportLabelsEditorialPassagesAndOnlyThem() throws {
        let (project, work, data) = try Self.sample()
        let passages = Dictionary(uniqueKeysWithValues: work.passages.map { ($0.id!, $0) })
        let documents = Dictionary(uniqueKeysWithValues: work.documents.map { ($0.id!, $0) })
        func label(_ passage: Int64) -> String? {
            let p = passages[passage]!
            return Editorial.label(p, in: documents[p.documentId]!)
        }
        let editorialCodings = work.codings.filter { label($0.passageId) != nil }
        let archivalCodings = work.codings.filter { label($0.passageId) == nil }
        #expect(!editorialCodings.isEmpty, "the sample round codes no editorial passage: the test would prove nothing")
        #expect(!archivalCodings.isEmpty)

        // Evidence appendix: the editorial column, and the Markdown line.
        let export = try EvidenceExport(database: project.database, classifications: try data.classifications(),
                                        codebook: data.codebook.definition, work: work)
        let items = export.cases.flatMap(\.evidence)
        #expect(items.contains { $0.editorial != nil }, "no editorial passage among the evidence items")
        for item in items { #expect(item.editorial == label(item.passageId), "passage \(item.passageId)") }
        let column = try #require(EvidenceExport.columns.firstIndex(of: "editorial"))
        let rows = export.csv().components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.contains { $0.contains("EDITORIAL: editors\u{2019} footnote") })
        #expect(EvidenceExport.columns.count == column + 3)
        let markdown = export.markdown()
        let editorialItems = items.filter { $0.editorial != nil }
        #expect(markdown.components(separatedBy: " · **EDITORIAL: ").count - 1 == editorialItems.count)
        for item in editorialItems { #expect(markdown.contains("**EDITORIAL: \(item.editorial!)**")) }

        // W3C annotations: a describing body on editorial passages, none on archival ones.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try WebAnnotationExport.jsonLD(work).utf8)) as? [String: Any])
        let annotations = try #require((json["first"] as? [String: Any])?["items"] as? [[String: Any]])
        for c in work.codings {
            let id = "urn:uuid:" + StableGUID.make(StableGUID.codingName(c, roundKey: "\(work.codebook.codebookId)|\(work.round.name)"))
            let a = try #require(annotations.first { $0["id"] as? String == id })
            let bodies = try #require(a["body"] as? [[String: Any]])
            let described = bodies.filter { $0["purpose"] as? String == "describing" }.compactMap { $0["value"] as? String }
            if let l = label(c.passageId) {
                #expect(described.contains { $0.hasPrefix("EDITORIAL: \(l)") }, "coding \(c.id!)")
            } else {
                #expect(described.isEmpty, "coding \(c.id!)")
            }
        }

        // REFI-QDA: a line in each selection on editorial material, and a source variable with the ranges.
        let refi = RefiProjectExport(work)
        // Every selection's description names its passage; it has the editorial line exactly when that passage is editorial.
        let descriptions = refi.qde.matches(of: try Regex(#"<Description>case: [^\n]*\npassage: (\d+)[^<]*</Description>"#))
        #expect(descriptions.count >= work.codings.count)
        var editorialSelections = 0
        for d in descriptions {
            let text = String(d.output[0].substring!)
            let passage = Int64(d.output[1].substring!)!
            #expect(text.contains("\neditorial: ") == (label(passage) != nil), "\(text)")
            if label(passage) != nil { editorialSelections += 1 }
        }
        #expect(editorialSelections >= editorialCodings.count)
        #expect(refi.qde.contains("name=\"Editorial material\""))
        #expect(refi.qde.contains("editors\u{2019} footnote"))
        if SchemaValidation.refiExists {
            let problems = SchemaValidation.validate(refi.qde, schema: SchemaValidation.refi.appendingPathComponent("Project.xsd"))
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }

        // HTML report: the label beside the excerpt.
        let reliability = try data.reliability(bootstrap: 20, seed: 1)
        let report = try ProjectReportBuilder(database: project.database).reliabilityReport(data, reliability: reliability, project: "sample")
        let html = HTMLReport.render(report)
        let reportItems = report.cases.flatMap(\.evidence)
        if let e = reportItems.first(where: { $0.editorial != nil }) {
            #expect(html.contains("<span class=\"editorial\">EDITORIAL: \(e.editorial!.replacingOccurrences(of: "'", with: "&#39;"))</span>")
                    || html.contains("<span class=\"editorial\">EDITORIAL: "))
            #expect(MarkdownReport.render(report).contains("**EDITORIAL: \(e.editorial!)**"))
        } else {
            Issue.record("the report has no editorial evidence item")
        }
    }
}
