import ArgumentParser
import Foundation
import ProjectStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the project, safe while coders are writing.",
        discussion: """
        Uses SQLite's online backup API: every page of one snapshot is copied, so the copy is \
        consistent even while other coders' processes commit. Do not copy the project with `cp`:
        recent changes may still be in the project's -wal file beside it, and a copy taken during \
        a write can be torn. The backup is one self-contained file (no -wal), checked before it is \
        put in place; open it like any project (`--db BACKUP`).

        A backup holds every coder's codings, so it is a lead's or adjudicator's action: a coder \
        cannot make one, and while a blind round is open the person making it must say who they \
        are with --as (or DOSSIER_CODER) even in a project without a lead.

        Examples:
          dossier backup backups/study-2026-11-29.sqlite
          dossier backup --as lee --force nightly.sqlite
        """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var identity: IdentityOptions
    @Flag(help: "Replace the destination file if it exists.") var force = false
    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "dest")) var destination: String

    func run() throws {
        try reportingErrors {
            let db = try project.openForReading()
            let result = try ProjectBackup.backup(db, to: destination, as: identity.viewer, overwrite: force)
            print(String(format: "Backed up %@ to %@ (%.1f MB, %d pages, checked) in %.2f s.",
                         db.path, result.path, Double(result.bytes) / 1_000_000, result.pages, result.seconds))
        }
    }
}
