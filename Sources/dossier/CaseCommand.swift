import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Add, list and show cases (a recipient state in an operation).",
        discussion: """
        Examples:
          dossier case add KOREA/COL --recipient COL --operation KOREA
          dossier case list --format csv
          dossier case show KOREA/COL
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update a case.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Case id.") var id: String
        @Option(help: "Recipient actor id.") var recipient: String
        @Option(help: "Operation id.") var operation: String
        @Option(help: "Note.") var note: String?
        func run() throws {
            try reportingErrors {
                try RegisterStore(database: try project.open()).add(case: CoalitionCase(id: id, recipient: recipient, operation: operation, note: note))
                print("Saved case \(id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                print(RowPrinter(headers: ["id", "recipient", "recipient_name", "operation", "payments"],
                                 rows: r.cases.map { c in [c.id, c.recipient, r.actor(c.recipient)?.name, c.operation, "\(r.payments(inCase: c.id).count)"] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case with its payments.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Case id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                guard let c = r.coalitionCase(id) else { throw StoreError.notFound(kind: "case", id: id) }
                print(JSONText.encode(["case": AnyEncodable(c), "recipient": AnyEncodable(r.actor(c.recipient)),
                                       "operation": AnyEncodable(r.operation(c.operation)), "payments": AnyEncodable(r.payments(inCase: id))]))
            }
        }
    }
}
