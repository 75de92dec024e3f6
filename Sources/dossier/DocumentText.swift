import Foundation
import ProjectStore

/// Human-readable rendering of a document for `documents show`.
enum DocumentText {
    static func describe(_ d: DocumentRecord, passages: [PassageRecord], links: [ResolvedLink], retired: Bool = false) -> String {
        var out: [String] = []
        out.append("Document \(d.id!) (\(d.identity), version \(d.version)\(retired ? ", retired" : d.isCurrent ? "" : ", superseded"))")
        out.append(d.title ?? "(untitled)")
        func field(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { out.append("  \(name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(value)") }
        }
        field("format", d.format)
        field("type", d.docType)
        let date = d.dateMin.map { min in d.dateMax.map { $0 == min ? min : "\(min) … \($0)" } ?? min }
        field("date", date.map { "\($0) (\(d.datePrecision ?? "?"))" } ?? d.dateRaw.map { "\($0) (unparsed)" })
        field("place", d.place)
        field("from", d.authors.joined(separator: "; "))
        field("to", d.recipients.joined(separator: "; "))
        field("volume", [d.volumeId, d.volumeTitle].compactMap { $0 }.joined(separator: ", "))
        field("number", d.docNumber)
        field("first page", d.firstPage)
        field("classification", ([d.classification].compactMap { $0 } + d.handling).joined(separator: "; "))
        field("repository", d.repository)
        field("collection", d.collection)
        field("file", d.fileIdentifier)
        field("source note", d.sourceNote)
        field("context", d.context.joined(separator: " › "))
        field("url", d.canonicalUrl)
        field("source file", d.sourcePath)
        let citation = Citation(document: d)
        out.append("")
        out.append("Cite: \(citation.chicago)")
        if let short = citation.frusShort { out.append("      \(short)") }
        out.append("")
        let linksByPassage = Dictionary(grouping: links, by: \.passageId)
        var paragraph = 0
        for p in passages {
            let page = p.page.map { " p.\($0)" } ?? ""
            let note = p.annotatesId.map { " → note to \($0)" } ?? ""
            if p.kind == "body" { paragraph += 1 }
            let locator = PassageLocator.locator(kind: p.kind, paragraph: paragraph, noteNumber: p.noteNumber)
            // Editorial material is labelled so it is never read as archival text.
            let editorial = Editorial.label(kind: p.kind, docType: d.docType, noteNumber: p.noteNumber).map { " · EDITORIAL: \($0)" } ?? ""
            out.append("[\(p.id!)] \(p.kind)\(page) \(locator)\(editorial) · \(p.anchor)\(note)")
            out.append(wrap(p.text, indent: "    "))
            if let l = linksByPassage[p.id!] {
                let names = l.map { "\($0.surface) = \($0.label ?? $0.ref)" }
                out.append("    links: " + names.joined(separator: "; "))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Wraps text at about 96 columns for the terminal.
    static func wrap(_ text: String, indent: String, width: Int = 96) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width - indent.count, !line.isEmpty {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}
