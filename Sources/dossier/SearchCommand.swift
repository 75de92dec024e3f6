import ArgumentParser
import Foundation
import ProjectStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over passages, ranked by relevance (bm25), with highlighted snippets.",
        discussion: """
        The query uses SQLite FTS5 syntax: words are ANDed; "a phrase" in double quotes; OR, NOT
        and AND in capitals; subsid* for a prefix; NEAR(troops allowances, 10). Accents are
        ignored ("Cote" finds "Côte"). A malformed query gets a message saying so.

        Examples:
          dossier search "troop allowances"
          dossier search 'subsid* OR "debt relief"' --from 1965 --to 1968 --type telegram
          dossier search Marcos --classification Secret --format json
        """
    )

    @OptionGroup var project: ProjectOptions
    @Argument(help: "The full-text query.")
    var query: String
    @OptionGroup var filters: DocumentFilterOptions
    @Option(help: "At most this many passages.")
    var limit = 20
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let search = PassageSearch(database: try project.openForReading())
            let terminal = output.format == .table && isatty(STDOUT_FILENO) == 1
            let hits = try search.search(query, filter: filters.filter, limit: limit,
                                         open: terminal ? "\u{1B}[1m" : "[", close: terminal ? "\u{1B}[0m" : "]")
            switch output.format {
            case .json:
                print(JSONText.encode(hits))
            case .csv:
                print(rows(hits).csv())
            case .table:
                for h in hits {
                    let where_ = [h.volumeId, h.docNumber.map { "doc. \($0)" }, h.page.map { "p. \($0)" }]
                        .compactMap { $0 }.joined(separator: ", ")
                    print("passage \(h.passageId) · document \(h.documentId) · \(h.dateMin.map { String($0.prefix(10)) } ?? "undated") · \(h.docType ?? h.kind)\(where_.isEmpty ? "" : " · " + where_)")
                    print("  \(h.title ?? "(untitled)")")
                    print(DocumentText.wrap(h.snippet, indent: "    "))
                }
                printError("\(hits.count) passage(s).")
            }
        }
    }

    private func rows(_ hits: [SearchHit]) -> RowPrinter {
        RowPrinter(headers: ["passage_id", "document_id", "date", "doc_type", "volume_id", "doc_number", "page", "kind", "rank", "title", "snippet"],
                   rows: hits.map { h in
                       ["\(h.passageId)", "\(h.documentId)", h.dateMin, h.docType, h.volumeId, h.docNumber, h.page, h.kind,
                        String(format: "%.4f", h.rank), h.title, h.snippet]
                   })
    }
}
