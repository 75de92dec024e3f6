import ArchiveIngest
import ArgumentParser
import Foundation
import ProjectStore

extension SourceFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "Import archive transcripts: TEI/FRUS, EAD, other XML, plain text.",
        discussion: """
        Give files or folders (searched recursively for .xml, .tei, .ead and .txt). The format is \
        detected from the content: FRUS TEI (whole volumes: one document per div[@type='document']), \
        other TEI and teiCorpus, EAD 2002 and EAD3 (one document per described component), other XML \
        (paragraph-like elements, or the rules of a --mapping YAML file), and plain text with \
        optional YAML front matter between --- lines.

        Each file is imported in its own transaction: a file that cannot be read (malformed XML, \
        unknown encoding, empty or binary) is reported as file:line:column and nothing of it is \
        stored; the other files go on, and the command exits non-zero.

        Importing the same file again changes nothing and says so. A changed file becomes a new \
        version of each changed document; the old version is kept.

        Examples:
          dossier import Imports/transcripts
          dossier import --format text notes/*.txt
          dossier import --mapping my-xml.yaml exports/
          dossier import --output json Imports/ | jq '.files[] | select(.status=="failed")'
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "Force the source format instead of detecting it: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: SourceFormat?

    @Option(help: ArgumentHelp("YAML mapping for other XML (which elements are documents, titles, dates, passages).", valueName: "file"))
    var mapping: String?

    @Option(help: "Summary output: table or json (csv gives one row per file).")
    var output: OutputFormat = .table

    @Flag(help: "Do not draw a progress bar (it is drawn only on a terminal anyway).")
    var noProgress = false

    @Flag(help: "Only read and check the files (format, well-formedness, documents, passages); store nothing.")
    var check = false

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let (results, seconds) = try reportingErrors { () -> ([FileImportResult], Double) in
            let files = try ArchiveImporter.expand(paths: paths)
            if files.isEmpty { throw ValidationError("no .xml, .tei, .ead or .txt files found under \(paths.joined(separator: ", ")).") }
            let xmlMapping = try mapping.map { try XMLMapping.load(contentsOf: URL(fileURLWithPath: $0)) }
            if check { return (Self.checkOnly(files, mapping: xmlMapping, format: format), 0) }
            let importer = ArchiveImporter(database: try project.open(create: true), mapping: xmlMapping)
            let bar = ProgressBar(total: files.count, enabled: !noProgress && files.count > 1)
            let start = Date()
            var results: [FileImportResult] = []
            for (i, file) in files.enumerated() {
                bar.update(done: i, label: file.lastPathComponent)
                let result = importer.importFile(file, format: format)
                if result.status == .failed { bar.clear(); printError("error: \(result.error ?? result.path)") }
                for warning in result.warnings { bar.clear(); printError("warning: \(result.path): \(warning)") }
                results.append(result)
            }
            bar.finish()
            if results.contains(where: { $0.status == .imported }) {
                // Fresh planner statistics, so joins over the new rows use their indexes.
                try importer.database.optimize(full: true)
            }
            return (results, Date().timeIntervalSince(start))
        }
        if check {
            let failed = results.filter { $0.status == .failed }.count
            print("Checked \(results.count) file(s): \(results.reduce(0) { $0 + $1.documents }) document(s), \(results.reduce(0) { $0 + $1.passages }) passage(s); \(failed) failed. Nothing was stored.")
            if failed > 0 { throw ExitCode.failure }
            return
        }
        let summary = ImportSummary(results: results, seconds: seconds)
        switch output {
        case .json: print(JSONText.encode(summary))
        case .csv: print(summary.printer.csv())
        case .table:
            if results.count <= 40 { print(summary.printer.table()) }
            print(summary.line)
        }
        if summary.failed > 0 {
            printError("\(summary.failed) of \(results.count) file(s) failed and were not imported:")
            for r in results where r.status == .failed { printError("  \(r.path)") }
            throw ExitCode.failure
        }
    }
}

extension ImportCommand {
    /// Reads every file as an import would, without opening a project.
    static func checkOnly(_ files: [URL], mapping: XMLMapping?, format: SourceFormat?) -> [FileImportResult] {
        let reader = ArchiveReader(mapping: mapping)
        return files.map { file in
            var r = FileImportResult(path: file.path, status: .imported, format: format, bytes: 0)
            do {
                let summary = try reader.read(file: file, format: format) { _ in }
                r.format = summary.format
                r.bytes = summary.byteCount
                r.documents = summary.documentCount
                r.passages = summary.passageCount
                r.warnings = summary.warnings
            } catch {
                r.status = .failed
                r.error = (error as? LocalizedError)?.errorDescription ?? "\(file.path): \(error)"
                printError("error: \(r.error!)")
            }
            return r
        }
    }
}
