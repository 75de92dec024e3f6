import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct MentionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentions",
        abstract: "List passages that name an actor by any alias (candidate evidence for its cases).",
        discussion: """
        Matching is on word boundaries, ignoring case and accents: "Korea" does not match \
        "Koreans" unless the alias is written "Korea*". FRUS persName/gloss links whose \
        persons or terms entry names the actor count too.

        Examples:
          dossier mentions --actor ROK
          dossier mentions --case KOREA/COL --format csv
        """
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "Actor id or any alias.") var actor: String?
    @Option(name: .customLong("case"), help: "A case: mentions of its recipient.") var caseId: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let finder = MentionFinder(database: try project.openForReading())
            let mentions: [Mention]
            if let caseId { mentions = try finder.mentions(ofCase: caseId) }
            else if let actor { mentions = try finder.mentions(ofActor: actor) }
            else { throw ValidationError("give --actor or --case.") }
            if output.format == .json { print(JSONText.encode(mentions)); return }
            // Editorial material (source notes, editors' footnotes, editorial notes) says so in its own column.
            let docTypes = try DocumentCatalog(database: finder.database).docTypes(of: mentions.map(\.documentId))
            func editorial(_ m: Mention) throws -> String? {
                Editorial.label(kind: m.kind, docType: docTypes[m.documentId] ?? nil).map(Editorial.marker)
            }
            let headers = ["passage_id", "document_id", "kind", "actor_id", "alias", "start", "end", "text", "editorial"]
            func row(_ m: Mention) throws -> [String?] {
                [String(m.passageId), String(m.documentId), m.kind, m.actorId, m.alias,
                 m.start.map(String.init), m.end.map(String.init), m.text, try editorial(m)]
            }
            if output.format == .csv {
                // The same text as RowPrinter's CSV, written a megabyte at a time as the rows are
                // made (a common actor has 200k rows: the table of strings and the whole text in
                // memory took a third of the command's time).
                var out = headers.joined(separator: ",")
                out.reserveCapacity(1 << 21)
                for m in mentions {
                    out += "\n"
                    for (i, field) in try row(m).enumerated() {
                        if i > 0 { out += "," }
                        out += CSVField.escape(field ?? "")
                    }
                    if out.utf8.count >= 1 << 20 {
                        print(out, terminator: "")
                        out.removeAll(keepingCapacity: true)
                    }
                }
                print(out)
            } else {
                print(RowPrinter(headers: headers, rows: try mentions.map(row)).render(output.format))
            }
            if output.format == .table { printError("\(mentions.count) mention(s) in \(Set(mentions.map(\.passageId)).count) passage(s).") }
        }
    }
}
