import ArgumentParser
import Foundation
import ProjectStore

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a citation for a document or a passage.",
        discussion: """
        The reference is what Dossier prints elsewhere: a FRUS document as VOLUME/DOCID \
        (frus1964-68v29p1/d56), a passage as p345, a document id as 12. d47 alone means FRUS \
        document d47 when one volume has one, document id 47 only when no FRUS document is called \
        d47, and is refused when it could mean more than one (write 47 or VOLUME/d47). The reading \
        taken is said on stderr.

        A FRUS note follows the Office of the Historian's pattern and Chicago's rule for \
        correspondence in a published collection: the document's head, place and date, then the \
        volume (series, subseries, volume and part, title, editors, city, publisher, year), the \
        document number, the passage locator (para. 3, n. 2) and the canonical URL. The short \
        form follows on the next line. Editorial material is flagged as such.

        --format csl-json, bibtex or ris give an entry for a reference manager.

        Examples:
          dossier cite frus1964-68v29p1/d56
          dossier cite p345 --format csl-json
          dossier cite 12 --format bibtex >> refs.bib
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
        case cslJSON = "csl-json"
        case bibtex, ris
    }

    @OptionGroup var project: ProjectOptions
    @Argument(help: "VOLUME/DOCID, p<passage id>, or a document id.")
    var reference: String
    @Option(help: "table (note and short form), json, csv, csl-json, bibtex, ris.")
    var format: Format = .table

    func run() throws {
        try reportingErrors {
            let catalog = DocumentCatalog(database: try project.openForReading())
            let resolved = try DocumentReference.resolve(reference, in: catalog)
            let (document, passage) = (resolved.document, resolved.passage)
            printError("cite: \(reference) read as \(resolved.form).")
            let locator = try passage.map { try catalog.locator(of: $0) }
            let citation = Citation(document: document, passage: passage, locator: locator)
            let export = CitationExport(document: document, passage: passage, locator: locator)
            switch format {
            case .json: print(JSONText.encode(citation))
            case .csv:
                print(RowPrinter(headers: ["chicago", "frus_short", "locator", "editorial", "page", "url"],
                                 rows: [[citation.chicago, citation.frusShort, citation.locator,
                                         citation.editorial ? "true" : "false", citation.page, citation.url]]).csv())
            case .cslJSON: print(JSONText.encode([export.cslJSON()]))
            case .bibtex: print(export.bibtex())
            case .ris: print(export.ris())
            case .table:
                if citation.editorial { print("[editorial material: written by the volume's editors, not archival text]") }
                print(citation.chicago)
                if let short = citation.frusShort { print(short) }
            }
        }
    }
}
