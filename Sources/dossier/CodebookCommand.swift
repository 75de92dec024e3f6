import ArgumentParser
import Interchange
import Codebook
import Foundation
import ProjectStore

struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Validate, load, show, compare and export codebooks (YAML files in Codebooks/).",
        discussion: """
        A codebook is data: criteria with definitions and examples, categories with decision rules \
        over criterion ids. Every loaded version is kept; codings stay tied to the version they were \
        made under. Versions are named by the semantic version in the file (1.1.0), or by load order \
        (r1, r2, …) when a file changed without a new version number.

        Examples:
          dossier codebook validate Codebooks/buying-allies.yaml
          dossier codebook load Codebooks/buying-allies.yaml
          dossier codebook show --version r1
          dossier codebook diff r1 r2
          dossier codebook export --format markdown > manual.md
          dossier codebook export --format qdc -o buying-allies.qdc   # REFI-QDA codebook for other QDA tools
        """,
        subcommands: [Validate.self, Load.self, Show.self, Diff.self, Export.self, List.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a codebook file and report every problem with file:line.")
        @Argument(help: "The codebook YAML file.") var file: String

        func run() throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                printError("error: \(file): cannot read the file.")
                throw ExitCode.failure
            }
            let issues = Codebook.validate(data: data, path: file)
            for issue in issues { printError(issue.description) }
            let errors = issues.filter { $0.severity == .error }.count
            if errors > 0 {
                printError("\(file): \(errors) error(s), \(issues.count - errors) warning(s).")
                throw ExitCode.failure
            }
            let codebook = try reportingErrors { try Codebook.load(data: data, path: file) }
            print("\(file): valid. \(codebook.id) \(codebook.version): \(codebook.dimensions.count) dimension(s), \(codebook.allCategories.count) categories, \(codebook.allCriteria.count) criteria" + (issues.isEmpty ? "." : ", \(issues.count) warning(s)."))
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a codebook version in the project (a changed file becomes a new version).")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "The codebook YAML file.") var file: String

        func run() throws {
            try reportingErrors {
                let store = CodebookStore(database: try project.open())
                do {
                    let result = try store.load(file: URL(fileURLWithPath: file), by: identity.editor)
                    let v = result.version
                    if !result.isNew {
                        print("Unchanged: \(v.label) is already loaded (same content hash \(v.contentHash.prefix(12))).")
                    } else if let previous = result.previous {
                        let diff = CodebookDiff(from: previous.definition, to: v.definition)
                        print("Loaded \(v.label), a new version after \(previous.label):")
                        for line in diff.lines { print("  \(line)") }
                        if previous.version == v.version {
                            printError("warning: the content changed but the file still declares version \(v.version); bump `version:` so reports can tell them apart (codings refer to r\(v.revision) meanwhile).")
                        }
                    } else {
                        print("Loaded \(v.label): \(v.definition.allCriteria.count) criteria, hash \(v.contentHash.prefix(12)).")
                    }
                } catch let error as CodebookError {
                    for issue in error.issues { printError(issue.description) }
                    printError("\(file): not loaded; fix the \(error.issues.count) problem(s) above.")
                    throw ExitCode.failure
                }
            }
        }
    }

    struct VersionOptions: ParsableArguments {
        @Option(help: ArgumentHelp("Codebook version: a semantic version (1.0.0) or a load revision (r2). Default: the latest.", valueName: "version"))
        var version: String?
        @Option(help: ArgumentHelp("Which codebook, when the project has several.", valueName: "id"))
        var codebook: String?
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a codebook version: its criteria and categories.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var which: VersionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let v = try CodebookStore(database: try project.openForReading()).version(which.version, codebookId: which.codebook)
                let cb = v.definition
                if output.format == .json {
                    print(JSONText.encode(CodebookView(version: v)))
                    return
                }
                var rows: [[String?]] = []
                for dimension in cb.dimensions {
                    for c in dimension.criteria {
                        rows.append([dimension.id, c.id, c.label, c.test?.rawValue, c.definition])
                    }
                }
                let printer = RowPrinter(headers: ["dimension", "criterion", "label", "test", "definition"], rows: rows)
                if output.format == .table {
                    print("\(cb.title)\n\(v.label), hash \(v.contentHash.prefix(12)), loaded from \(v.sourcePath)\n")
                    print(printer.table())
                    print("")
                    for category in cb.allCategories { print("\(category.id) (\(category.label)): \(category.rule)") }
                } else {
                    print(printer.csv())
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare two loaded versions: added, removed and changed criteria and categories.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The older version (1.0.0 or r1).") var from: String
        @Argument(help: "The newer version (1.1.0 or r2).") var to: String
        @Option(help: ArgumentHelp("Which codebook, when the project has several.", valueName: "id")) var codebook: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let store = CodebookStore(database: try project.openForReading())
                let a = try store.version(from, codebookId: codebook)
                let b = try store.version(to, codebookId: codebook)
                let diff = CodebookDiff(from: a.definition, to: b.definition)
                switch output.format {
                case .json: print(JSONText.encode(diff))
                case .csv:
                    var rows: [[String?]] = []
                    rows += diff.addedCriteria.map { ["criterion", $0, "added", nil] }
                    rows += diff.removedCriteria.map { ["criterion", $0, "removed", nil] }
                    rows += diff.changedCriteria.map { ["criterion", $0.id, "changed", $0.fields.joined(separator: ";")] }
                    rows += diff.addedCategories.map { ["category", $0, "added", nil] }
                    rows += diff.removedCategories.map { ["category", $0, "removed", nil] }
                    rows += diff.changedCategories.map { ["category", $0.id, "changed", $0.fields.joined(separator: ";")] }
                    print(RowPrinter(headers: ["kind", "id", "change", "fields"], rows: rows).csv())
                case .table:
                    print("\(a.label) → \(b.label)")
                    if diff.isEmpty { print("  no differences") }
                    for line in diff.lines { print("  \(line)") }
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Render a coder's manual (Markdown) from a loaded version or a file.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var which: VersionOptions
        @Option(help: "Output format: markdown (the coder's manual), json (the parsed codebook) or qdc (a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA, QualCoder).")
        var format: ExportFormat = .markdown
        @Option(help: ArgumentHelp("Render this YAML file instead of a loaded version (no project needed).", valueName: "file"))
        var file: String?
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
        var output: String?

        enum ExportFormat: String, ExpressibleByArgument { case markdown, json, qdc }

        func run() throws {
            try reportingErrors {
                let codebook: Codebook
                if let file {
                    codebook = try Codebook.load(data: try Data(contentsOf: URL(fileURLWithPath: file)), path: file)
                } else {
                    codebook = try CodebookStore(database: try project.openForReading()).version(which.version, codebookId: which.codebook).definition
                }
                let text = switch format {
                case .markdown: codebook.markdownManual()
                case .json: JSONText.encode(codebook)
                case .qdc: RefiCodebook(codebook).qdc()
                }
                if let output {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                    printError("Wrote \(output).")
                } else {
                    print(text)
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the codebook versions loaded in the project.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let versions = try CodebookStore(database: try project.openForReading()).versions()
                print(RowPrinter(headers: ["id", "codebook", "version", "revision", "criteria", "hash", "loaded_at", "source"],
                                 rows: versions.map { v in
                                     ["\(v.id!)", v.codebookId, v.version, "r\(v.revision)", "\(v.definition.allCriteria.count)",
                                      String(v.contentHash.prefix(12)), ISO8601DateFormatter().string(from: v.loadedAt), v.sourcePath]
                                 }).render(output.format))
            }
        }
    }
}

/// A codebook version as JSON: the stored metadata and the parsed definition.
struct CodebookView: Encodable {
    var id: Int64
    var codebookId: String
    var version: String
    var revision: Int
    var contentHash: String
    var sourcePath: String
    var definition: Codebook

    init(version v: CodebookVersionRecord) {
        id = v.id!; codebookId = v.codebookId; version = v.version; revision = v.revision
        contentHash = v.contentHash; sourcePath = v.sourcePath; definition = v.definition
    }
}
