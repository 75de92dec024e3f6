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
          dossier coder add kim --name "Kim Park" --role lead
          dossier coder add lee --name "Dr. Lee" --role adjudicator --as kim
          dossier coder list --format csv
        """,
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a coder, adjudicator or lead.",
            discussion: "Once the project has a lead, only a lead or adjudicator (--as) can add people.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Short handle used in every other command (letters, digits, . _ -).") var handle: String
        @Option(help: "Full name, for reports.") var name: String?
        @Option(help: "coder, adjudicator (decides disagreements) or lead (manages rounds).") var role: CoderRecord.Role = .coder
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let coder = try CodingStore(database: try project.open()).addCoder(handle: handle, name: name ?? handle, role: role,
                                                                                       by: identity.viewer)
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
                let coders = try CodingStore(database: try project.openForReading()).coders()
                print(RowPrinter(headers: ["handle", "name", "role"], rows: coders.map { [$0.handle, $0.name, $0.role.rawValue] })
                    .render(output.format))
            }
        }
    }
}
