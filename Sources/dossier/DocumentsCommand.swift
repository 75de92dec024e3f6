import ArgumentParser
import Foundation
import ProjectStore

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List documents, or show one with its provenance and passages; retire one imported by mistake.",
        discussion: """
        Examples:
          dossier documents --from 1965 --to 1966-06 --type telegram
          dossier documents --text "third country" --format csv > docs.csv
          dossier documents show 12
          dossier documents show frus1964-68v29p1/d56
          dossier documents retire 12 --reason "imported from the wrong volume" --as kim
          dossier documents restore 12 --as kim
        """,
        subcommands: [List.self, Show.self, Retire.self, Restore.self],
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
        @Argument(help: ArgumentHelp("The document: its id (from `dossier documents`), VOLUME/DOCID, or d47 (FRUS document 47 when one volume has it).",
                                     valueName: "document"))
        var reference: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let catalog = DocumentCatalog(database: try project.openForReading())
                let resolved = try DocumentReference.resolve(reference, in: catalog)
                if Int64(reference.trimmingCharacters(in: .whitespaces)) == nil {
                    printError("documents show: \(reference) read as \(resolved.form).")
                }
                let doc = resolved.document
                let id = doc.id!
                let passages = try catalog.passages(documentId: id)
                let links = try catalog.resolvedLinks(documentId: id)
                let retired = try DocumentRetirement(database: catalog.database).retirement(documentId: id)
                switch output.format {
                case .json:
                    var view = DocumentView(doc)
                    view.citation = Citation(document: doc)
                    view.passages = passages.map { PassageView($0, in: doc) }
                    view.links = links
                    print(JSONText.encode(view))
                case .csv:
                    print(RowPrinter(headers: ["passage_id", "ordinal", "kind", "page", "anchor", "start", "end", "annotates", "text", "editorial"],
                                     rows: passages.map { p in
                                         ["\(p.id!)", "\(p.ordinal)", p.kind, p.page, p.anchor, "\(p.startOffset)", "\(p.endOffset)",
                                          p.annotatesId.map { "\($0)" }, p.text, Editorial.label(p, in: doc).map(Editorial.marker)]
                                     }).csv())
                case .table:
                    print(DocumentText.describe(doc, passages: passages, links: links, retired: retired != nil))
                }
                if let retired {
                    printError("Retired on \(ISO8601DateFormatter().string(from: retired.retiredAt)) by \(retired.retiredBy): \(retired.reason) (`dossier documents restore \(retired.documentId)` brings it back).")
                }
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Hide a document imported by mistake from search, mentions, listings and assignment.",
            discussion: """
            The document and its passages stay in the project (nothing is deleted), but it has no \
            current version: search, mentions, `documents list`, `assign` and passage references by \
            anchor no longer find it, and importing the same file again does not bring it back. \
            Refused when codings stand on its passages, unless --force (the codings are kept). \
            A lead's or adjudicator's action (anyone's until the project has a lead); logged. \
            `dossier documents restore ID` undoes it.

            Example:
              dossier documents retire 12 --reason "duplicate of d47, imported from a draft file" --as kim
            """)

        @OptionGroup var project: ProjectOptions
        @Argument(help: ArgumentHelp("The document: its id, VOLUME/DOCID, or d47 (FRUS document 47 when one volume has it).",
                                     valueName: "document"))
        var reference: String
        @Option(help: "Why (kept in the log).") var reason: String
        @Flag(help: "Retire it even though codings stand on its passages (they are kept).") var force = false
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let db = try project.open()
                let resolved = try DocumentReference.resolve(reference, in: DocumentCatalog(database: db))
                if Int64(reference.trimmingCharacters(in: .whitespaces)) == nil {
                    printError("documents retire: \(reference) read as \(resolved.form).")
                }
                let outcome = try DocumentRetirement(database: db)
                    .retire(documentId: resolved.document.id!, reason: reason, force: force, as: identity.viewer)
                var line = "Retired document \(outcome.record.documentId) (\(outcome.record.identity))."
                if outcome.record.codings > 0 { line += " \(outcome.record.codings) coding(s) on its passages are kept." }
                if outcome.assignedUnits > 0 { line += " \(outcome.assignedUnits) assigned unit(s) stay in their queues." }
                print(line)
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a retired document (its latest imported version).",
            discussion: """
            Example:
              dossier documents restore 12 --as kim
            """)

        @OptionGroup var project: ProjectOptions
        @Argument(help: ArgumentHelp("The document id (as `documents show` printed it when retiring).", valueName: "id"))
        var documentId: Int64
        @Option(help: "Why (kept in the log).") var reason: String?
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let id = try DocumentRetirement(database: try project.open())
                    .restore(documentId: documentId, reason: reason, as: identity.viewer)
                print("Restored document \(id).")
            }
        }
    }
}
