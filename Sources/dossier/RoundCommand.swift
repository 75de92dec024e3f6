import ArgumentParser
import ProjectStore

struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Create, list and close coding rounds.",
        discussion: """
        A round is pinned to one codebook version. Reliability rounds are blind: while open, no
        coder sees another coder's codings of the round.

        Examples:
          dossier round create rel-1 --purpose reliability --codebook 1.0.0
          dossier round list
          dossier round close rel-1 --as lee
        """,
        subcommands: [Create.self, Close.self, List.self]
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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rounds.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let rounds = try CodingStore(database: try project.open()).rounds()
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
