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
            print(RowPrinter(headers: ["passage_id", "document_id", "kind", "actor_id", "alias", "start", "end", "text", "editorial"],
                             rows: try mentions.map { [String($0.passageId), String($0.documentId), $0.kind, $0.actorId, $0.alias,
                                                       $0.start.map(String.init), $0.end.map(String.init), $0.text, try editorial($0)] })
                .render(output.format))
            if output.format == .table { printError("\(mentions.count) mention(s) in \(Set(mentions.map(\.passageId)).count) passage(s).") }
        }
    }
}
