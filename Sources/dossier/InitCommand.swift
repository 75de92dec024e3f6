import Foundation
import ArgumentParser
import ProjectStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project file (or bring an existing one's schema up to date).",
        discussion: """
        The project is one SQLite file in WAL mode with foreign keys on and a busy timeout, so \
        several coders' processes can write to it at once. Running init again on an existing \
        project is safe: it only applies migrations the file does not have yet.

        Example:
          dossier init --db korea-study.sqlite
        """
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        try reportingErrors {
            let existed = FileManager.default.fileExists(atPath: project.path)
            let db = try project.open(create: true)
            let verb = existed ? "Opened existing" : "Created"
            print("\(verb) project \(db.path) (schema \(try db.schemaVersion()), journal \(try db.journalMode())).")
        }
    }
}
