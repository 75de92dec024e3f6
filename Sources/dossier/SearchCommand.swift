import ArgumentParser
import Foundation
import ProjectStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over passages, ranked by relevance (bm25), with highlighted snippets.",
        discussion: """
        The query is read as a reader means it: every word must occur, "a phrase" in double \
        quotes must occur as written, punctuation inside a word is kept (U.S. aid, ROK-Japan), \
        and a trailing * is a prefix (subsid*). Accents are ignored ("Cote" finds "Côte"). \
        With --fts the query is FTS5 syntax instead: OR, NOT and AND in capitals, NEAR(a b, 10), \
        ^word; a malformed query gets a message with the character position.

        Hits are marked in bold on a terminal and between ** elsewhere (--mark-open/--mark-close \
        change the markers; never square brackets, which FRUS uses for editorial insertions such \
        as [name not declassified]). Editorial material (source notes, editors' footnotes, \
        editorial notes) is labelled as such.

        Examples:
          dossier search "U.S. aid" --from 1965 --to 1968
          dossier search '"third country" allowances' --type telegram
          dossier search 'subsid* OR "debt relief"' --fts --format json
          dossier search Marcos --classification Secret --mark-open '<b>' --mark-close '</b>'
        """
    )

    @OptionGroup var project: ProjectOptions
    @Argument(help: "Words and \"phrases\" to find (FTS5 syntax with --fts).")
    var query: String
    @Flag(help: "Read the query as FTS5 syntax (NEAR, OR/AND/NOT, prefix*, ^).")
    var fts = false
    @OptionGroup var filters: DocumentFilterOptions
    @Option(help: "At most this many passages.")
    var limit = 20
    @Option(help: ArgumentHelp("Text put before each hit in snippets when not on a terminal (default **).", valueName: "text"))
    var markOpen: String?
    @Option(help: ArgumentHelp("Text put after each hit in snippets when not on a terminal (default **).", valueName: "text"))
    var markClose: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let search = PassageSearch(database: try project.openForReading())
            let terminal = output.format == .table && isatty(STDOUT_FILENO) == 1 && markOpen == nil && markClose == nil
            // Bold on, then "normal intensity" (22) rather than a full reset, so surrounding styles survive.
            let open = terminal ? "\u{1B}[1m" : (markOpen ?? "**")
            let close = terminal ? "\u{1B}[22m" : (markClose ?? "**")
            let hits = try search.search(SearchQuery(query, mode: fts ? .fts : .plain), filter: filters.filter, limit: limit,
                                         open: open, close: close)
            switch output.format {
            case .json:
                print(JSONText.encode(hits.map(HitView.init)))
            case .csv:
                print(rows(hits).csv())
            case .table:
                for h in hits {
                    let where_ = [h.volumeId, h.docNumber.map { "doc. \($0)" }, h.page.map { "p. \($0)" }, h.locator]
                        .compactMap { $0 }.joined(separator: ", ")
                    let label = h.editorialLabel.map { " · EDITORIAL: \($0)" } ?? ""
                    print("passage \(h.passageId) · document \(h.documentId) · \(h.dateMin.map { String($0.prefix(10)) } ?? "undated") · \(h.docType ?? h.kind)\(where_.isEmpty ? "" : " · " + where_)\(label)")
                    print("  \(h.title ?? "(untitled)")")
                    print(DocumentText.wrap(h.snippet, indent: "    "))
                }
                printError("\(hits.count) passage(s).")
            }
        }
    }

    private func rows(_ hits: [SearchHit]) -> RowPrinter {
        RowPrinter(headers: ["passage_id", "document_id", "date", "doc_type", "volume_id", "doc_number", "page", "kind",
                             "locator", "editorial", "rank", "title", "snippet"],
                   rows: hits.map { h in
                       ["\(h.passageId)", "\(h.documentId)", h.dateMin, h.docType, h.volumeId, h.docNumber, h.page, h.kind,
                        h.locator, h.editorial ? "true" : "false", String(format: "%.4f", h.rank), h.title, h.snippet]
                   })
    }
}

/// A search hit as JSON: the stored fields plus its readable locator and editorial label.
struct HitView: Encodable {
    let hit: SearchHit
    init(_ hit: SearchHit) { self.hit = hit }

    enum Keys: String, CodingKey { case locator, editorialLabel = "editorial_label" }

    func encode(to encoder: Encoder) throws {
        try hit.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(hit.locator, forKey: .locator)
        try c.encodeIfPresent(hit.editorialLabel, forKey: .editorialLabel)
    }
}
