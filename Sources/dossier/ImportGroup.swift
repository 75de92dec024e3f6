import ArgumentParser

/// `dossier import`: archive files (the default, `import files`) or another tool's REFI-QDA work.
struct ImportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import archive transcripts (TEI/FRUS, EAD, other XML, plain text), or another tool's REFI-QDA codings.",
        discussion: """
        `dossier import PATH...` is `dossier import files PATH...`; see `dossier import files --help`.

        Examples:
          dossier import Imports/transcripts
          dossier import --format text notes/*.txt
          dossier import refi coauthor.qdpx --round prod-1 --as kim
        """,
        subcommands: [ImportCommand.self, RefiImportCommand.self],
        defaultSubcommand: ImportCommand.self
    )
}
