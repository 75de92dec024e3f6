import ArgumentParser
import Foundation
import ProjectStore
import TerminalUI

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Code your assigned units one by one on the terminal (also works with piped input).",
        discussion: """
        Shows the next unfinished unit: the passage with its document's title, date, author and \
        recipient, classification and citation, the passages around it, the case, and the criteria \
        as a numbered checklist. Criterion numbers (`1 4`) tag, or untag when already tagged; `-4` \
        tags 4 as evidence that the criterion does not hold (contradicts), or turns a tag round; an \
        empty line finishes the unit; `0` when none applies (asks first if the unit has tags); `u` \
        undoes, repeatedly; `/a few words` selects the matching text as the span of the next tag; \
        `m TEXT` keeps a note; `e N` sets criterion N's direction, evidence test, note and attributes; `?N` \
        shows a definition; `n`/`b` next/previous unit, `g N` go to unit N, `f` finished units; `q` \
        quits. Every change is saved at once and logged; the next session resumes at the first \
        unfinished unit.

        On a terminal the session is full screen (resizes live; `?` lists the keys). With piped \
        input, or with --plain, it reads one line at a time:

        Scripted:  printf '1 3\\n\\n0\\nq\\n' | dossier code session --as ana --round rel-1
        """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: ArgumentHelp("Same as --as (older spelling).", visibility: .hidden)) var coder: String?
    @Option(help: "Round name.") var round: String
    @Flag(help: "Line by line, as with piped input, even on a terminal.") var plain = false

    func run() throws {
        defer { sendToTeamServer(project) }
        try reportingErrors {
            let store = CodingStore(database: try project.open())
            let handle = try identity.acting(legacy: coder)
            if !plain && POSIXTerminal.isInteractive {
                let screen = CodingScreen(model: try SessionModel(store: store, coder: handle, round: round))
                try screen.run(on: POSIXTerminal())
                print("Saved. \(screen.model.doneCount)/\(screen.model.queue.count) units finished in round \(round); run the session again to resume.")
                return
            }
            let session = CodingSession(store: store, coder: handle, round: round)
            try session.run(input: { readLine() }, output: { text in
                // Prompts stay on their line; flush so they appear before the coder types.
                print(text, terminator: text.hasSuffix(": ") || text == "> " ? "" : "\n")
                fflush(nil)
            })
        }
    }
}
