import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Reports

/// The evidence appendix in the shape annotated-appendix (ATI) repositories take: one row per
/// evidence item with the full citation, the excerpt trimmed to about 150 words, the analytic
/// notes, criterion, status, case, the coders behind it and the adjudication, if any. The items are
/// the report's (``ProjectReportBuilder``), the Markdown is the report's appendix
/// (``EvidenceAppendix``); only the excerpt comes from the codings the viewer may see.
public struct EvidenceExport: Sendable {
    public let cases: [CaseReport]
    /// Per case, criterion and passage: the coders who tagged it and the adjudication, in words.
    let provenance: [String: (coders: [String], adjudication: String)]

    public static let wordLimit = 150
    public static let columns = EvidenceAppendix.columns + ["coders", "adjudication"]

    /// Builds the items of `classifications` (from ``RoundData/classifications(caseId:)``), with
    /// excerpts from `work`'s codings, which hold only what the viewer may see.
    public init(database: ProjectDatabase, classifications: [CaseClassification], codebook: Codebook, work: RoundWork) throws {
        var quotes: [String: [String]] = [:]
        for c in work.codings.sorted(by: { ($0.spanStart ?? 0) < ($1.spanStart ?? 0) }) {
            if let q = c.quote { quotes["\(c.caseId)|\(c.criterionId)|\(c.passageId)", default: []].append(q) }
        }
        let passages = Dictionary(uniqueKeysWithValues: work.passages.map { ($0.id!, $0.text) })
        var provenance: [String: (coders: [String], adjudication: String)] = [:]
        for k in classifications {
            for r in k.criteria {
                for u in r.units {
                    var adjudication = ""
                    if case .adjudication(let a) = u.basis {
                        adjudication = "\(a.value.rawValue), by \(a.adjudicator): \(a.rationale)"
                    }
                    provenance["\(k.caseId)|\(r.criterion)|\(u.unit.passageId)"] = (u.values.filter { $0.value != .untagged }.keys.sorted(), adjudication)
                }
            }
        }
        let reports = try ProjectReportBuilder(database: database).caseReports(classifications, codebook: codebook)
        self.cases = reports.map { report in
            var r = report
            r.evidence = report.evidence.map { item in
                var e = item
                let key = "\(item.caseId)|\(item.criterion)|\(item.passageId)"
                let excerpt = quotes[key].map { Array(Set($0)).sorted().map { "\u{201C}\($0)\u{201D}" }.joined(separator: " \u{2026} ") }
                    ?? passages[item.passageId] ?? ""
                e.excerpt = Self.trim(excerpt, words: Self.wordLimit)
                return e
            }
            return r
        }
        self.provenance = provenance
    }

    /// The first `words` words of `text`, with an ellipsis when cut.
    public static func trim(_ text: String, words: Int) -> String {
        var count = 0
        var inWord = false
        for i in text.indices {
            let space = text[i].isWhitespace
            if !space && !inWord {
                count += 1
                if count > words { return text[..<i].trimmingCharacters(in: .whitespacesAndNewlines) + " \u{2026}" }
            }
            inWord = !space
        }
        return text
    }

    public func markdown() -> String { EvidenceAppendix.markdown(cases) }

    /// ``EvidenceAppendix/columns`` (same order and meaning) plus `coders` and `adjudication`;
    /// RFC 4180 with CRLF line ends, as the report's appendix.
    public func csv() -> String {
        var lines = [Self.columns.joined(separator: ",")]
        for k in cases {
            for e in k.evidence {
                let p = provenance["\(k.caseId)|\(e.criterion)|\(e.passageId)"]
                lines.append([k.caseId, k.recipient ?? "", k.operation ?? "", e.criterion, e.criterionLabel, e.status.rawValue,
                              "\(e.passageId)", e.page ?? "", e.excerpt, e.notes.joined(separator: "\n"), e.citation,
                              e.editorial.map(Editorial.marker) ?? "", p?.coders.joined(separator: ";") ?? "", p?.adjudication ?? ""].map(Self.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
