import ArgumentParser
import ProjectStore

extension CoderRecord.Role: ExpressibleByArgument {}
extension RoundRecord.Purpose: ExpressibleByArgument {}

struct CoderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coder",
        abstract: "Add and list coders and adjudicators.",
        discussion: """
        Examples:
          dossier coder add ana --name "Ana Souza"
          dossier coder add lee --name "Dr. Lee" --role adjudicator
          dossier coder list --format csv
        """,
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a coder (or an adjudicator with --role adjudicator).")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Short handle used in every other command (letters, digits, . _ -).") var handle: String
        @Option(help: "Full name, for reports.") var name: String?
        @Option(help: "coder or adjudicator.") var role: CoderRecord.Role = .coder

        func run() throws {
            try reportingErrors {
                let coder = try CodingStore(database: try project.open()).addCoder(handle: handle, name: name ?? handle, role: role)
                print("Added \(coder.role.rawValue) \(coder.handle) (\(coder.name)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List coders.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let coders = try CodingStore(database: try project.open()).coders()
                print(RowPrinter(headers: ["handle", "name", "role"], rows: coders.map { [$0.handle, $0.name, $0.role.rawValue] })
                    .render(output.format))
            }
        }
    }
}
