import ArgumentParser
import Foundation
import ProjectStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Code your assigned units one by one on the terminal (also works with piped input).",
        discussion: """
        Shows the next unit: the passage with its citation and date, the passages before and
        after, the case, and the criteria as a numbered checklist. Answer with criterion numbers
        (`1 4`) to tag and finish the unit, `0` when none applies, `n` for a note, `?3` for a
        definition, `b` to go back, `s` to skip, `q` to quit. Every tag is saved at once; the next
        session resumes where you left off.

        Scripted:  printf '1 3\\n0\\nq\\n' | dossier code session --as ana --round rel-1
        """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: ArgumentHelp("Same as --as (older spelling).", visibility: .hidden)) var coder: String?
    @Option(help: "Round name.") var round: String

    func run() throws {
        try reportingErrors {
            let session = CodingSession(store: CodingStore(database: try project.open()),
                                        coder: try identity.acting(legacy: coder), round: round)
            try session.run(input: { readLine() }, output: { text in
                // Prompts stay on their line; flush so they appear before the coder types.
                print(text, terminator: text.hasSuffix(": ") || text == "> " ? "" : "\n")
                fflush(nil)
            })
        }
    }
}
