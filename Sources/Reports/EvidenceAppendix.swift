import Codebook
import Foundation
import ProjectStore
import Reconciliation

/// The evidence appendix: for each case and established criterion, the excerpt, the analytic
/// note(s) and the full citation, as Markdown for reading or CSV (RFC 4180) for spreadsheets.
public enum EvidenceAppendix {
    /// CSV header, in column order.
    public static let columns = ["case", "recipient", "operation", "criterion", "criterion_label", "status",
                                 "passage_id", "page", "excerpt", "note", "citation", "editorial"]

    /// Markdown: one section per case, one block per evidence item.
    public static func markdown(_ cases: [CaseReport]) -> String {
        var m = "# Evidence appendix\n\n"
        for k in cases {
            let who = [k.recipient, k.operation].compactMap { $0 }
            m += "## \(ReportFormat.cell(k.caseId))\(who.isEmpty ? "" : " — " + ReportFormat.cell(who.joined(separator: ", ")))\n\n"
            if k.evidence.isEmpty { m += "No established criteria.\n\n" } else { m += items(k.evidence) }
        }
        return m
    }

    /// CSV with ``columns`` as header; one row per evidence item; CRLF line ends; fields holding a
    /// comma, quote or line break are quoted, quotes doubled. Several notes share the `note` field,
    /// one per line.
    public static func csv(_ cases: [CaseReport]) -> String {
        var rows = [columns]
        for k in cases {
            for e in k.evidence {
                rows.append([k.caseId, k.recipient ?? "", k.operation ?? "", e.criterion, e.criterionLabel,
                             ReportFormat.status(e.status), "\(e.passageId)", e.page ?? "", e.excerpt,
                             e.notes.joined(separator: "\n"), e.citation, e.editorial.map(Editorial.marker) ?? ""])
            }
        }
        return rows.map { $0.map(ReportFormat.csv).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The excerpt as a Markdown block quote: every line (CRLF or LF) prefixed with `> `.
    static func quoted(_ excerpt: String) -> String {
        // Lines split on scalars: as Characters, CRLF is one and "\n" would not find it.
        var m = "> "
        var line = ""
        var afterCR = false
        for scalar in excerpt.unicodeScalars {
            if scalar == "\n" {
                if afterCR { line.unicodeScalars.removeLast() }
                m += ReportFormat.inline(line) + "\n> "
                line = ""
            } else {
                line.unicodeScalars.append(scalar)
            }
            afterCR = scalar == "\r"
        }
        return m + ReportFormat.inline(line)
    }

    /// Evidence items as Markdown blocks (used by ``MarkdownReport`` too).
    static func items(_ evidence: [EvidenceItem]) -> String {
        var m = ""
        for e in evidence {
            m += "**\(ReportFormat.cell(e.criterionLabel))** (`\(ReportFormat.cell(e.criterion))`, \(ReportFormat.status(e.status))), passage \(e.passageId)"
            if let p = e.page { m += ", p. \(ReportFormat.cell(p))" }
            if let label = e.editorial { m += " · **\(ReportFormat.cell(Editorial.marker(label)))** (written by the volume\u{2019}s editors, not archival text)" }
            if let b = e.basis { m += "; \(ReportFormat.cell(b))" }
            m += "\n\n"
            m += quoted(e.excerpt) + "\n\n"
            for note in e.notes { m += "*Note:* \(ReportFormat.cell(note))\n\n" }
            m += "Source: \(ReportFormat.cell(e.citation))\n\n"
        }
        return m
    }
}
