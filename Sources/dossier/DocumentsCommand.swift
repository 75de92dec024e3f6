import ArgumentParser
import Foundation
import ProjectStore

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List documents, or show one with its provenance and passages.",
        discussion: """
        Examples:
          dossier documents --from 1965 --to 1966-06 --type telegram
          dossier documents --text "third country" --format csv > docs.csv
          dossier documents show 12
        """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List documents (the default).")

        @OptionGroup var project: ProjectOptions
        @OptionGroup var filters: DocumentFilterOptions
        @Option(help: ArgumentHelp("Only documents with a passage matching these words (plain words and \"phrases\").", valueName: "words"))
        var text: String?
        @Flag(help: "Read --text as FTS5 syntax (NEAR, OR/AND/NOT, prefix*).")
        var fts = false
        @Option(help: "At most this many documents.")
        var limit: Int?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let catalog = DocumentCatalog(database: try project.openForReading())
                let docs = try catalog.documents(filter: filters.filter, text: text, textMode: fts ? .fts : .plain, limit: limit)
                if output.format == .json {
                    print(JSONText.encode(docs.map(DocumentView.init)))
                } else {
                    let printer = RowPrinter(
                        headers: ["id", "date", "type", "volume", "number", "page", "classification", "passages", "title"],
                        rows: docs.map { d in
                            ["\(d.id!)", d.dateMin.map { String($0.prefix(10)) }, d.docType, d.volumeId, d.docNumber,
                             d.firstPage, d.classification, "\(d.passageCount)", d.title]
                        })
                    print(printer.render(output.format))
                    if output.format == .table { printError("\(docs.count) document(s).") }
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a document: metadata, citation and passages.")

        @OptionGroup var project: ProjectOptions
        @Argument(help: "Document id (from `dossier documents`), as printed: 12 or d12.")
        var documentId: DocumentID
        var id: Int64 { documentId.value }
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let catalog = DocumentCatalog(database: try project.openForReading())
                let doc = try catalog.document(id: id)
                let passages = try catalog.passages(documentId: id)
                let links = try catalog.resolvedLinks(documentId: id)
                switch output.format {
                case .json:
                    var view = DocumentView(doc)
                    view.citation = Citation(document: doc)
                    view.passages = passages.map(PassageView.init)
                    view.links = links
                    print(JSONText.encode(view))
                case .csv:
                    print(RowPrinter(headers: ["passage_id", "ordinal", "kind", "page", "anchor", "start", "end", "annotates", "text"],
                                     rows: passages.map { p in
                                         ["\(p.id!)", "\(p.ordinal)", p.kind, p.page, p.anchor, "\(p.startOffset)", "\(p.endOffset)",
                                          p.annotatesId.map { "\($0)" }, p.text]
                                     }).csv())
                case .table:
                    print(DocumentText.describe(doc, passages: passages, links: links))
                }
            }
        }
    }
}
