import ArgumentParser

/// The `dossier` command line: parses arguments and calls the library modules. No logic lives here
/// beyond turning results into table, JSON or CSV output.
@main
struct Dossier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Archival evidence coding workbench: import transcripts, code evidence, measure agreement, report.",
        discussion: """
        A project is one SQLite file (default ./dossier.sqlite, or $DOSSIER_DB, or --db PATH). \
        Start with `dossier demo` to see the whole workflow on the bundled samples, or:

          dossier init --db study.sqlite
          dossier import --db study.sqlite Imports/transcripts
          dossier search --db study.sqlite "troop allowances"
        """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self,
            InitCommand.self,
            ImportGroup.self,
            DocumentsCommand.self,
            SearchCommand.self,
            CiteCommand.self,
            CodebookCommand.self,
            RegisterCommand.self,
            ActorCommand.self,
            OperationCommand.self,
            CaseCommand.self,
            PaymentCommand.self,
            MentionsCommand.self,
            CoderCommand.self,
            RoundCommand.self,
            AssignCommand.self,
            CodeCommand.self,
            PacketCommand.self,
            ReconcileCommand.self,
            AdjudicateCommand.self,
            ClassifyCommand.self,
            WeighCommand.self,
            ReportCommand.self,
            ExportCommand.self,
            LogCommand.self,
            CheckCommand.self,
            BackupCommand.self,
            AgreementCommand.self,
            PlanCommand.self,
            TeamCommand.self,
        ]
    )
}
