import ArgumentParser
import Foundation
import Interchange
import ProjectStore

/// `dossier export ...`: a round's work in the formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a round's work for other tools: REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder), W3C annotations, tables.",
        discussion: """
        Every export is a view of the round's work and follows the same rule as `code list`: while a \
        blind round is open you get only your own codings (say who you are with --as); once it is \
        closed, everyone's.

        Examples:
          dossier export refi --round rel-1 -o study.qdpx --as kim
          dossier export refi --round rel-1 --folder study-refi/
          dossier export annotations --round rel-1 -o rel-1.jsonld
          dossier export cases --round rel-1 --format csv > cases.csv      # R: QCA, CausalQueries
          dossier export evidence --round rel-1 -o appendix/evidence        # evidence.csv + evidence.md
        """,
        subcommands: [Refi.self, Annotations.self, Cases.self, Evidence.self]
    )

    struct Refi: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A REFI-QDA 1.5 project (.qdpx): documents, codebook, codings, coders, notes, cases.",
            discussion: """
            Documents become text sources (their provenance as variables), criteria become codes under \
            their dimension (categories become sets of the criteria their rule reads), each coding a \
            plain-text selection at code-point positions with its coder as creating user, notes REFI \
            notes, cases REFI cases with their register attributes. GUIDs derive from Dossier's ids, so \
            exporting again writes the same bytes.

            Examples:
              dossier export refi --round rel-1 -o rel-1.qdpx --as kim
              dossier export refi --round rel-1 --folder rel-1-refi   # project.qde + sources/, unzipped
            """
        )
        @OptionGroup var source: ExportSourceOptions
        @Option(name: .shortAndLong, help: ArgumentHelp("The .qdpx file to write.", valueName: "file")) var output: String?
        @Option(help: ArgumentHelp("Write project.qde and sources/ into this folder instead of a .qdpx.", valueName: "folder"))
        var folder: String?

        func validate() throws {
            guard (output == nil) != (folder == nil) else { throw ValidationError("give -o FILE.qdpx or --folder DIR (one of them).") }
        }

        func run() throws {
            noteIfBehindTeamServer(source.project)
            try reportingErrors {
                let work = try RoundWork.load(try source.project.openForReading(), round: source.round, as: source.identity.viewer)
                let export = RefiProjectExport(work)
                let target: String
                if let output {
                    try QDPXArchive.write(export, to: URL(fileURLWithPath: output))
                    target = output
                } else {
                    try QDPXArchive.writeFolder(export, to: URL(fileURLWithPath: folder!))
                    target = folder!
                }
                if let only = work.onlyCoder { printError("Round \(source.round) is blind and open: only \(only)'s own work is exported.") }
                print("Wrote \(target): \(export.documentCount) documents, \(export.codingCount) codings in \(export.selectionCount) selections, \(export.noteCount) notes.")
            }
        }
    }

    struct Annotations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "W3C Web Annotations (JSON-LD), one per coding: source, quote and position selectors, criterion, note, coder.",
            discussion: """
            The target is the passage's source (the FRUS canonical URL, or urn:dossier:document:IDENTITY) \
            with a TextQuoteSelector (exact text, 32 code points of prefix and suffix) and a \
            TextPositionSelector (code points in the document's plain text: passages joined by a blank \
            line, as in the REFI export); the body is the criterion as \
            urn:dossier:codebook:ID:VERSION#CRITERION, the case, and the note; the creator is the coder.

            Examples:
              dossier export annotations --round rel-1 > rel-1.jsonld
              dossier export annotations --round rel-1 -o rel-1.jsonld --as ana
            """
        )
        @OptionGroup var source: ExportSourceOptions
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func run() throws {
            noteIfBehindTeamServer(source.project)
            try reportingErrors {
                let work = try RoundWork.load(try source.project.openForReading(), round: source.round, as: source.identity.viewer)
                if let only = work.onlyCoder { printError("Round \(source.round) is blind and open: only \(only)'s own codings are exported.") }
                try ExportCommand.emit(try WebAnnotationExport.jsonLD(work), to: output)
            }
        }
    }

    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per case: attributes, a 1/0/NA column per criterion and per derived category (for QCA, CausalQueries).",
            discussion: """
            Criterion columns: established 1, absent 0, contested or not yet coded NA. Category columns:
            member 1, not a member 0, indeterminate NA. CSV writes NA as NA (read.csv's and \
            pandas.read_csv's default); JSON as null. Statuses include adjudications, as `classify`.

            Examples:
              dossier export cases --round rel-1 --format csv > cases.csv
              Rscript -e 'd <- read.csv("cases.csv"); QCA::truthTable(d, outcome = "CRC", conditions = c("CRC.leverage", "PAY.debt_relief"))'
              dossier export cases --round rel-1 --format json | python3 -c 'import pandas, sys; print(pandas.read_json(sys.stdin))'
            """
        )
        @OptionGroup var source: ExportSourceOptions
        @Option(help: "csv or json.") var format: TableFormat = .csv
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        enum TableFormat: String, ExpressibleByArgument { case csv, json }

        func run() throws {
            noteIfBehindTeamServer(source.project)
            try reportingErrors {
                let db = try source.project.openForReading()
                let data = try RoundData.load(db, round: source.round, as: source.identity.viewer, need: .visible)
                if let only = data.onlyCoder { printError("Round \(source.round) is blind and open: statuses come from \(only)'s own codings only.") }
                let table = CaseTable(classifications: try data.classifications(), codebook: data.codebook.definition,
                                      register: try RegisterStore(database: db).register())
                try ExportCommand.emit(format == .csv ? table.csv() : table.json(), to: output)
            }
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The evidence appendix (ATI style): citation, excerpt (about 150 words), note, criterion, case, coders, adjudication.",
            discussion: """
            With -o PATH, writes PATH.csv and PATH.md (an extension on PATH is dropped); without it, \
            prints --format csv (default) or markdown.

            Examples:
              dossier export evidence --round rel-1 -o appendix/rel-1-evidence
              dossier export evidence --round rel-1 --format markdown | less
            """
        )
        @OptionGroup var source: ExportSourceOptions
        @Option(help: "csv or markdown, when printing.") var format: AppendixFormat = .csv
        @Option(name: .shortAndLong, help: ArgumentHelp("Write PATH.csv and PATH.md.", valueName: "path")) var output: String?

        enum AppendixFormat: String, ExpressibleByArgument { case csv, markdown }

        func run() throws {
            noteIfBehindTeamServer(source.project)
            try reportingErrors {
                let db = try source.project.openForReading()
                let data = try RoundData.load(db, round: source.round, as: source.identity.viewer, need: .visible)
                let work = try RoundWork.load(db, round: source.round, as: source.identity.viewer)
                if let only = data.onlyCoder { printError("Round \(source.round) is blind and open: only \(only)'s own evidence is exported.") }
                let appendix = try EvidenceExport(database: db, classifications: try data.classifications(),
                                                  codebook: data.codebook.definition, work: work)
                if let output {
                    let base = URL(fileURLWithPath: output).pathExtension.isEmpty ? URL(fileURLWithPath: output)
                        : URL(fileURLWithPath: output).deletingPathExtension()
                    try ExportCommand.emit(appendix.csv(), to: base.path + ".csv")
                    try ExportCommand.emit(appendix.markdown(), to: base.path + ".md")
                } else {
                    print(format == .csv ? appendix.csv() : appendix.markdown(), terminator: "")
                }
            }
        }
    }

    /// What every export reads: the project, the round, and who is asking (the blindness rule).
    struct ExportSourceOptions: ParsableArguments {
        @OptionGroup var project: ProjectOptions
        @Option(help: "Round name.") var round: String
        @OptionGroup var identity: IdentityOptions
    }

    /// Prints `text`, or writes it to `path` and says so on standard error.
    static func emit(_ text: String, to path: String?) throws {
        guard let path else { print(text, terminator: ""); return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InterchangeError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        printError("Wrote \(path).")
    }
}
