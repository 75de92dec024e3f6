import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Bulk-load the case register (actors, operations, cases, payments) from YAML.",
        discussion: """
        The whole file is validated first; every problem is reported with file:line and nothing is \
        loaded unless the file is clean. Loading again updates entries by id and deletes nothing. \
        `validate` also requires a `source:` on every actor, operation, case and payment: an \
        article locator ("Henke 2019, n. 85") or a full citation of another source.

        Examples:
          dossier register validate Imports/register/buying-allies.yaml
          dossier register load Imports/register/buying-allies.yaml
        """,
        subcommands: [Load.self, Validate.self]
    )

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate and load a register file.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "The register YAML file.") var file: String

        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.open()).load(file: URL(fileURLWithPath: file), by: identity.editor)
                print("\(file): \(r.actors) actor(s), \(r.operations) operation(s), \(r.cases) case(s), \(r.payments) payment(s) loaded.")
                // Loading accepts a draft; say what `register validate` will refuse.
                let unsourced = FileManager.default.contents(atPath: file).map {
                    Register.validate(data: $0, path: file, requireSources: true).filter {
                        if case .missingSource = $0.problem { true } else { false }
                    }.count
                } ?? 0
                if unsourced > 0 {
                    printError("warning: \(file): \(unsourced) row(s) have no `source:`; `dossier register validate \(file)` lists them.")
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a register file without loading it (every row needs a source).")
        @Argument(help: "The register YAML file.") var file: String
        @Flag(help: "Accept rows without a `source:` (a draft register).") var allowUnsourced = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("error: \(file): cannot read the file.")
                throw ExitCode.failure
            }
            let issues = Register.validate(data: data, path: file, requireSources: !allowUnsourced)
            for issue in issues { printError("\(issue)") }
            if issues.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
            print("\(file): valid.")
        }
    }
}
