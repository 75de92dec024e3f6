import ArgumentParser
import Foundation
import ProjectStore

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Print a citation for a document or a passage.",
        discussion: """
        The reference is what Dossier prints elsewhere: a FRUS document as VOLUME/DOCID
        (frus1964-68v29p1/d56), a passage as p345, a document id as 12. d47 alone is refused
        when it could mean both document id 47 and FRUS document d47 (use 47 or VOLUME/d47);
        the form used is said on stderr.

        A FRUS note follows the Office of the Historian's pattern and Chicago's rule for
        correspondence in a published collection: the document's head, place and date, then the
        volume (series, subseries, volume and part, title, editors, city, publisher, year), the
        document number, the passage locator (para. 3, n. 2) and the canonical URL. The short
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
            let (document, passage, form) = try resolve(catalog)
            printError("cite: \(reference) read as \(form).")
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

    /// The document (and passage) the reference names, and which form it was read as.
    private func resolve(_ catalog: DocumentCatalog) throws -> (DocumentRecord, PassageRecord?, String) {
        let r = reference.trimmingCharacters(in: .whitespaces)
        let lower = r.lowercased()
        if lower.hasPrefix("p"), let pid = Int64(lower.dropFirst()) {
            let (passage, document) = try catalog.passage(id: pid)
            return (document, passage, "passage id \(pid) (document \(document.id!)\(frusName(document)))")
        }
        if let did = Int64(r) {
            let d = try catalog.document(id: did)
            return (d, nil, "document id \(did)\(frusName(d))")
        }
        if lower.hasPrefix("d"), let n = Int64(lower.dropFirst()) {
            // d47: a database id as printed by other commands, or FRUS document d47 of some volume.
            let byId = try? catalog.document(id: n)
            let byKey = try catalog.documents(withKey: "d\(n)")
            switch (byId, byKey.count) {
            case (nil, 0): throw StoreError.documentNotFound(r)
            case (let d?, 0): return (d, nil, "document id \(n)\(frusName(d))")
            case (nil, 1): return (byKey[0], nil, "FRUS document \(byKey[0].volumeId ?? "")/d\(n) (document id \(byKey[0].id!))")
            default:
                var readings = byKey.map { "\($0.volumeId ?? "?")/d\(n)" }
                if byId != nil { readings.insert("document id \(n) (write \(n))", at: 0) }
                throw StoreError.invalid("'\(r)' is ambiguous: it could be \(readings.joined(separator: ", ")). Write the id alone, or VOLUME/d\(n).")
            }
        }
        let d = try catalog.resolve(r)
        return (d, nil, "\(d.identity.hasPrefix("frus:") ? "FRUS document" : "document") \(r) (document id \(d.id!))")
    }

    private func frusName(_ d: DocumentRecord) -> String {
        guard d.format == "frus", let v = d.volumeId else { return "" }
        return ", FRUS \(v)/\(d.docKey)"
    }
}
