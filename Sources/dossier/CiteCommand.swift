import ArgumentParser
import ProjectStore

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a citation for a document or a passage.",
        discussion: """
        ID is a document id (12 or d12) or a passage id with a p prefix (p345). A passage's
        citation adds the page it starts on and its anchor. FRUS documents also get the short form.

        Examples:
          dossier cite 12
          dossier cite p345 --format json
        """
    )

    @OptionGroup var project: ProjectOptions
    @Argument(help: "d<document id>, p<passage id>, or a bare document id.")
    var id: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let catalog = DocumentCatalog(database: try project.openForReading())
            let lower = id.lowercased()
            let citation: Citation
            if lower.hasPrefix("p"), let pid = Int64(lower.dropFirst()) {
                let (passage, document) = try catalog.passage(id: pid)
                citation = Citation(document: document, passage: passage)
            } else if let did = Int64(lower.hasPrefix("d") ? String(lower.dropFirst()) : lower) {
                citation = Citation(document: try catalog.document(id: did))
            } else {
                throw ValidationError("'\(id)' is not an id: give 12 or d12 for a document, p345 for a passage.")
            }
            switch output.format {
            case .json: print(JSONText.encode(citation))
            case .csv:
                print(RowPrinter(headers: ["chicago", "frus_short", "page", "url"],
                                 rows: [[citation.chicago, citation.frusShort, citation.page, citation.url]]).csv())
            case .table:
                print(citation.chicago)
                if let short = citation.frusShort { print(short) }
            }
        }
    }
}
