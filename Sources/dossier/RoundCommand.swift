import Foundation
import ArgumentParser
import ProjectStore

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Create, list and close coding rounds.",
        discussion: """
        A round is pinned to one codebook version. Reliability rounds are blind: while open, no \
        coder sees another coder's codings of the round. A lead or adjudicator closes a round once \
        every coder has finished (or with --force --reason, which the report shows); a lead can \
        reopen it with a reason, and reports computed afterwards say so.

        Examples:
          dossier round create rel-1 --purpose reliability --codebook 1.0.0 --as kim
          dossier round status rel-1 --as kim
          dossier round close rel-1 --as kim
          dossier round close rel-1 --as kim --force --reason "ben left the project; 12 units uncoded"
          dossier round reopen rel-1 --as kim --reason "ben's last batch arrived late"
          dossier round list --format json
        """,
        subcommands: [Create.self, Close.self, Reopen.self, Status.self, List.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a round pinned to a codebook version.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Round name (e.g. rel-1).") var name: String
        @Option(help: "training, pilot, reliability or production.") var purpose: RoundRecord.Purpose
        @Option(help: ArgumentHelp("Codebook version (1.0.0 or r1); default the latest.", valueName: "version")) var codebook: String?
        @Option(help: ArgumentHelp("Codebook id, when the project has several.", valueName: "id")) var codebookId: String?
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let db = try project.open()
                let version = try CodebookStore(database: db).version(codebook, codebookId: codebookId)
                let round = try CodingStore(database: db).createRound(name: name, purpose: purpose, codebook: version,
                                                                          by: identity.viewer)
                print("Created \(round.purpose.rawValue) round \(round.name) on \(version.label)\(round.blind ? " (blind)" : "").")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a round (a lead or adjudicator): its codings freeze and it stops being blind.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Round name.") var name: String
        @OptionGroup var identity: IdentityOptions
        @Flag(help: "Close although some coders have unfinished units (needs --reason).") var force = false
        @Option(help: "Why the round is closed with unfinished units (logged, shown in the report).") var reason: String?

        func run() throws {
            try reportingErrors {
                let round = try CodingStore(database: try project.open())
                    .closeRound(name, by: identity.viewer.handle, force: force, reason: reason)
                print("Closed round \(round.name)\(force ? " (forced: \(reason ?? ""))" : "").")
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed round (a lead, with a reason; logged and shown in reports).")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Round name.") var name: String
        @OptionGroup var identity: IdentityOptions
        @Option(help: "Why the round is reopened.") var reason: String

        func run() throws {
            try reportingErrors {
                let round = try RoundStore(database: try project.open()).reopenRound(name, by: identity.viewer.handle, reason: reason)
                print("Reopened round \(round.name)\(round.blind ? " (blind again until it is closed)" : "").")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Progress of a round: per coder units assigned, finished, tagged, remaining, last activity.",
            discussion: """
            While a blind round is open a coder sees only their own line; a lead or adjudicator sees \
            every coder's progress and, with --units, each unit's (who has finished it). Never codings. \
            In a team working copy the figures are the team server's (what it lets you see), or the \
            copy's own, with a note on stderr, when the server cannot be reached.

            Examples:
              dossier round status rel-1 --as ana
              dossier round status rel-1 --as kim --units --format csv > progress.csv
            """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Round name.") var name: String
        @OptionGroup var identity: IdentityOptions
        @Flag(help: "Per unit instead of per coder (leads and adjudicators, or once the round is no longer blind).") var units = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let reading = try project.workStore.status(round: name, as: identity.viewer)
                let status = reading.value
                if let notice = reading.notice { printError(notice) }
                if output.format == .json {
                    print(JSONText.encode(status))
                    return
                }
                if units {
                    guard let list = status.units else {
                        throw CodingError.blindUntilClosed(round: status.round)
                    }
                    print(RowPrinter(headers: ["passage_id", "case_id", "finished_by", "unfinished_by"],
                                     rows: list.map { ["\($0.passageId)", $0.caseId, $0.finishedBy.joined(separator: ";"),
                                                       $0.unfinishedBy.joined(separator: ";")] }).render(output.format))
                    return
                }
                print(RowPrinter(headers: ["coder", "assigned", "finished", "tagged", "remaining", "last_activity"],
                                 rows: status.coders.map { c in
                                     [c.coder, "\(c.assigned)", "\(c.finished)", "\(c.tagged)", "\(c.remaining)",
                                      c.lastActivity.map { ISO8601DateFormatter().string(from: $0) }]
                                 }).render(output.format))
                if output.format == .table {
                    printError("Round \(status.round): \(status.status)\(status.blind ? ", blind" : "").")
                    for event in status.history { printError("  \(event.sentence)") }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rounds.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let rounds = try CodingStore(database: try project.openForReading()).rounds()
                // The number of coders, not their names: in an open blind round who else codes is not for everyone to see.
                print(RowPrinter(headers: ["id", "name", "purpose", "blind", "status", "codebook_version_id", "units", "coders"],
                                 rows: rounds.map { r in
                                     ["\(r.id!)", r.name, r.purpose.rawValue, r.blind ? "yes" : "no", r.status, "\(r.codebookVersionId)",
                                      r.sample.map { "\($0.units)" }, r.sample.map { "\(Set($0.coders).count)" }]
                                 }).render(output.format))
            }
        }
    }
}
