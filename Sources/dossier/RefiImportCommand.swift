import ArgumentParser
import Foundation
import Interchange
import ProjectStore

/// `dossier import refi FILE`: another tool's REFI-QDA coders and codings into a round.
struct RefiImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refi",
        abstract: "Import another tool's REFI-QDA codings (.qdpx, a folder with project.qde, or .qde) into a round, or map a codebook (.qdc).",
        discussion: """
        Users become coders (matched by handle, then by name, else added); codes map to the round's \
        criteria (Dossier's own GUIDs, a code named after a criterion id like "WIR.link", or a \
        --mapping file of CODE,CRITERION lines, the code by name or GUID); text sources match \
        documents already in the project by content hash or identical text (with --add-documents, a \
        coded source that matches none is imported as a new text document, titled with its name, and \
        found again by a later import of the same file); each coded selection \
        becomes a coding of the passage it lies in, with its span (one per passage when it crosses \
        passages); notes come along; the case comes from the REFI case holding the selection (named \
        as a register case), else --case. All or nothing: every problem is listed with file, line and \
        element, and nothing is imported unless there are none. Importing the same file again adds \
        nothing. A lead's or adjudicator's action (it records work in other people's names).

        A codebook (.qdc) is imported as a mapping: every code is matched to a criterion of the \
        round's codebook (Dossier's GUIDs, a name that is a criterion id, or --mapping where the ids \
        differ) and the result is printed as a mapping file (CODE,CRITERION lines; codes that match \
        nothing as commented lines to fill in) for the project import's --mapping. Nothing in the \
        project changes: Dossier's own codebook, with its categories and rules, stays the YAML one.

        Examples:
          dossier import refi coauthor.qdpx --round prod-1 --as kim
          dossier import refi nvivo-export.qdpx --round prod-1 --mapping codes.csv --case GULF-1990/EGY --finished --as kim
          dossier import refi interviews.qdpx --round prod-1 --add-documents --case GULF-1990/EGY --as kim
          dossier import refi nvivo-codebook.qdc --round prod-1 > codes.csv    # edit, then:
          dossier import refi nvivo-export.qdpx --round prod-1 --mapping codes.csv --case GULF-1990/EGY --as kim
        """
    )
    @OptionGroup var project: ProjectOptions
    @Argument(help: ArgumentHelp("The .qdpx file (or a folder holding project.qde and sources/).", valueName: "file")) var file: String
    @Option(help: "Round to import into (open).") var round: String
    @Option(help: ArgumentHelp("CSV of CODE,CRITERION lines for codes whose names are not criterion ids.", valueName: "file")) var mapping: String?
    @Option(name: .customLong("case"), help: ArgumentHelp("Case for selections no REFI case places.", valueName: "case")) var caseId: String?
    @Flag(help: "Mark every imported unit finished (absences then count), not only those a Dossier export marked.") var finished = false
    @Flag(help: "Import coded sources that match no document as new text documents.") var addDocuments = false
    @OptionGroup var identity: IdentityOptions

    func run() throws {
        try reportingErrors {
            var options = RefiImport.Options(round: round)
            if let mapping { options.mapping = try RefiImport.mapping(URL(fileURLWithPath: mapping)) }
            if URL(fileURLWithPath: file).pathExtension.lowercased() == "qdc" {
                let (codebook, matches) = try RefiImport(database: try project.openForReading())
                    .codebookMatches(URL(fileURLWithPath: file), round: round, mapping: options.mapping)
                print(RefiImport.mappingFile(matches), terminator: "")
                let codable = matches.filter(\.codable)
                let mapped = codable.filter { $0.criterion != nil }.count
                printError("\(mapped) of \(codable.count) codable codes map to criteria of \(codebook)"
                           + (mapped < codable.count ? "; give the others a line CODE,CRITERION in --mapping." : "."))
                return
            }
            options.defaultCase = caseId
            options.markFinished = finished
            options.addDocuments = addDocuments
            let report = try RefiImport(database: try project.open()).run(URL(fileURLWithPath: file), options: options, as: identity.viewer)
            for m in report.matchedSources { printError("  \(m.source) -> \(m.document) (\(m.how))") }
            for c in report.createdDocuments { printError("  \(c.source): new text document \(c.documentId)") }
            for n in report.notCarried { printError("  not carried over: \(n)") }
            let r = report.result
            let made = report.createdDocuments.count
            if made > 0 { print("Added \(made) text document\(made == 1 ? "" : "s") for sources that matched none in the project.") }
            print("Imported \(r.added) codings (\(r.skipped) already present), \(r.notesAdded) unit notes, \(r.unitsDone) units finished, \(r.codersAdded) new coders.")
        }
    }
}
