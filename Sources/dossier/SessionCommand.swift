import ArgumentParser
import Foundation
import ProjectStore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Code your assigned units one by one on the terminal (also works with piped input).",
        discussion: """
        Shows the next unfinished unit: the passage with its document's title, date, author and
        recipient, classification and citation, the passages around it, the case, and the criteria
        as a numbered checklist. Criterion numbers (`1 4`) tag, or untag when already tagged; an
        empty line finishes the unit; `0` when none applies (asks first if the unit has tags); `u`
        undoes, repeatedly; `/a few words` selects the matching text as the span of the next tag;
        `m TEXT` keeps a note; `e N` sets criterion N's evidence test, note and attributes; `?N`
        shows a definition; `n`/`b` next/previous unit, `g N` go to unit N, `f` finished units; `q`
        quits. Every change is saved at once and logged; the next session resumes at the first
        unfinished unit.

        Scripted:  printf '1 3\\n\\n0\\nq\\n' | dossier code session --as ana --round rel-1
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
