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
        var m = ""
        writeMarkdown(cases, to: &m)
        return m
    }

    /// Writes ``markdown(_:)``'s text to a stream, an item at a time (at 200,000 codings the
    /// appendix is some 80 MB, which need not sit in memory).
    public static func writeMarkdown(_ cases: [CaseReport], to out: inout some TextOutputStream) {
        out.write("# Evidence appendix\n\n")
        for k in cases {
            let who = [k.recipient, k.operation].compactMap { $0 }
            out.write("## \(ReportFormat.cell(k.caseId))\(who.isEmpty ? "" : " — " + ReportFormat.cell(who.joined(separator: ", ")))\n\n")
            if k.evidence.isEmpty { out.write("No established criteria.\n\n") } else { for e in k.evidence { out.write(item(e)) } }
        }
    }

    /// CSV with ``columns`` as header; one row per evidence item; CRLF line ends; fields holding a
    /// comma, quote or line break are quoted, quotes doubled. Several notes share the `note` field,
    /// one per line.
    public static func csv(_ cases: [CaseReport]) -> String {
        var text = ""
        writeCSV(cases, to: &text)
        return text
    }

    /// Writes ``csv(_:)``'s text to a stream, a row at a time.
    public static func writeCSV(_ cases: [CaseReport], to out: inout some TextOutputStream) {
        out.write(columns.map(ReportFormat.csv).joined(separator: ",") + "\r\n")
        for k in cases {
            for e in k.evidence {
                let row = [k.caseId, k.recipient ?? "", k.operation ?? "", e.criterion, e.criterionLabel,
                           ReportFormat.status(e.status), "\(e.passageId)", e.page ?? "", e.excerpt,
                           e.notes.joined(separator: "\n"), e.citation, e.editorial.map(Editorial.marker) ?? ""]
                out.write(row.map(ReportFormat.csv).joined(separator: ",") + "\r\n")
            }
        }
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
        evidence.map(item).joined()
    }

    /// One evidence item as a Markdown block.
    static func item(_ e: EvidenceItem) -> String {
        var m = "**\(ReportFormat.cell(e.criterionLabel))** (`\(ReportFormat.cell(e.criterion))`, \(ReportFormat.status(e.status))), passage \(e.passageId)"
        if let p = e.page { m += ", p. \(ReportFormat.cell(p))" }
        if let label = e.editorial { m += " · **\(ReportFormat.cell(Editorial.marker(label)))** (written by the volume\u{2019}s editors, not archival text)" }
        if let b = e.basis { m += "; \(ReportFormat.cell(b))" }
        m += "\n\n"
        m += quoted(e.excerpt) + "\n\n"
        for note in e.notes { m += "*Note:* \(ReportFormat.cell(note))\n\n" }
        m += "Source: \(ReportFormat.cell(e.citation))\n\n"
        return m
    }
}
