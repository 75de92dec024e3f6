import ArgumentParser
import Codebook
import Foundation
import ProjectStore
import Reconciliation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Add, list and show cases (a recipient state in an operation), and record how a case was searched.",
        discussion: """
        A case is a recipient in an operation. Pivotal states are coded at their own level: an \
        actor in an operation (`--actor` instead of `--recipient`, id OPERATION@ACTOR), coded \
        with the codebook's operation_actor dimensions in rounds of their own.

        Examples:
          dossier case add KOREA/COL --recipient COL --operation KOREA
          dossier case add KFOR-1999@FRA --actor FRA --operation KFOR-1999
          dossier case list --format csv
          dossier case show KOREA/COL
          dossier case coverage KOREA-1950/COL --round main --as lead \\
              --query "Colombia AND troops" --volume frus1950v07 --dates 1950-06/1951-12 --candidates 12
        """,
        subcommands: [Add.self, List.self, Show.self, Coverage.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add or update a case.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "Case id.") var id: String
        @Option(help: "Recipient actor id (a case).") var recipient: String?
        @Option(help: "Actor id, for an operation-actor subject (pivotal-state coding) instead of a case.") var actor: String?
        @Option(help: "Operation id.") var operation: String
        @Option(help: "Note.") var note: String?
        @Option(help: "Source: an article locator or a full citation.") var source: String?
        func run() throws {
            try reportingErrors {
                guard (recipient == nil) != (actor == nil) else {
                    throw ValidationError("give either --recipient (a case) or --actor (an operation-actor subject).")
                }
                try RegisterStore(database: try project.open()).add(case: CoalitionCase(
                    id: id, recipient: recipient ?? actor!, operation: operation, note: note,
                    subject: actor == nil ? .coalitionCase : .operationActor, source: source), by: identity.editor)
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
                print(RowPrinter(headers: ["id", "subject", "recipient", "recipient_name", "operation", "payments", "source"],
                                 rows: r.cases.map { c in [c.id, c.subject.rawValue, c.recipient, r.actor(c.recipient)?.name, c.operation,
                                                           "\(r.payments(inCase: c.id).count)", c.source] })
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

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record how a case was searched in a round (lead), or list the records.",
            discussion: """
            Coverage is what lets "not found" mean something. When every candidate passage was \
            coded (coded = candidates), a criterion the codebook marks `absence_is_evidence: true` \
            that nobody found counts as refuted, and the evidence trail says so; every other \
            criterion that was not found stays unknown. Without --candidates, lists the records.

            Examples:
              dossier case coverage KOREA-1950/COL --round main --as lead --query "Colombia" \\
                  --query "Gómez AND battalion" --volume frus1950v07 --dates 1950-06/1951-12 --candidates 12
              dossier case coverage KOREA-1950/COL --round main --format json
            """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Case id.") var id: String
        @Option(help: "Round name.") var round: String
        @OptionGroup var identity: IdentityOptions
        @Option(help: "A search query that was run (repeatable).") var query: [String] = []
        @Option(help: "A volume or collection searched (repeatable).") var volume: [String] = []
        @Option(help: ArgumentHelp("A date range searched, FROM/TO (repeatable).", valueName: "from/to")) var dates: [String] = []
        @Option(help: "Candidate passages the search turned up.") var candidates: Int?
        @Option(help: "How many were coded (default: passages of the case finished in the round).") var coded: Int?
        @Option(help: "Note.") var note: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                // Listing only reads: a project on read-only media can be listed.
                let store = CoverageStore(database: candidates == nil ? try project.openForReading() : try project.open())
                guard let candidates else {
                    let records = try store.coverage(round: round, caseId: id)
                    if output.format == .json { print(JSONText.encode(records)); return }
                    print(RowPrinter(headers: ["case", "round", "queries", "volumes", "dates", "candidates", "coded", "full", "recorded_by", "recorded_at", "note"],
                                     rows: records.map { c in [c.caseId, c.round, c.queries.joined(separator: "; "), c.volumes.joined(separator: "; "),
                                                               c.dateRanges.joined(separator: "; "), "\(c.candidates)", "\(c.coded)", c.isFull ? "yes" : "no",
                                                               c.recordedBy, ISO8601DateFormatter().string(from: c.recordedAt), c.note] })
                        .render(output.format))
                    return
                }
                let by = try identity.acting(legacy: nil)
                let c = try store.record(.init(round: round, caseId: id, queries: query, volumes: volume, dateRanges: dates,
                                               candidates: candidates, coded: coded, note: note, by: by))
                print("Coverage of \(c.caseId) in round \(c.round): \(c.summary).")
            }
        }
    }
}
