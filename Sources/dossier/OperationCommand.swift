import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct OperationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operation",
        abstract: "Add, list and show operations.",
        discussion: """
        Examples:
          dossier operation add KOREA --name "Korean War" --framework un --start 1950 --end 1953 --pivotal USA
          dossier operation list
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update an operation.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "Operation id.") var id: String
        @Option(help: "Name.") var name: String
        @Option(help: "Framework: \(MilitaryOperation.Framework.allCases.map(\.rawValue).joined(separator: ", ")).") var framework: String
        @Option(help: "First year.") var start: Int
        @Option(help: "Last year.") var end: Int?
        @Option(help: "Pivotal state actor id (repeatable).") var pivotal: [String] = []

        func run() throws {
            try reportingErrors {
                guard let f = MilitaryOperation.Framework(rawValue: framework) else {
                    throw ValidationError("--framework must be one of \(MilitaryOperation.Framework.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                try RegisterStore(database: try project.open()).add(operation: MilitaryOperation(
                    id: id, name: name, framework: f, startYear: start, endYear: end, pivotalStates: pivotal), by: identity.editor)
                print("Saved operation \(id) (\(name)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List operations.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                print(RowPrinter(headers: ["id", "name", "framework", "start_year", "end_year", "pivotal_states"],
                                 rows: r.operations.map { [$0.id, $0.name, $0.framework.rawValue, "\($0.startYear)", $0.endYear.map(String.init), $0.pivotalStates.joined(separator: ";")] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an operation with its cases.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Operation id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                guard let o = r.operation(id) else { throw StoreError.notFound(kind: "operation", id: id) }
                print(JSONText.encode(["operation": AnyEncodable(o), "cases": AnyEncodable(r.cases.filter { $0.operation == id })]))
            }
        }
    }
}
