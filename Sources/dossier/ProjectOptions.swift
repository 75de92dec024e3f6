import ArgumentParser
import Foundation
import ProjectStore

/// `--db PATH`, shared by every command that works on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The project file.",
        discussion: "Defaults to $DOSSIER_DB when set, else ./dossier.sqlite.",
        valueName: "path"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["DOSSIER_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "dossier.sqlite"
    }

    /// Opens the project; only `init`, `import` and `demo` may create it.
    func open(create: Bool = false) throws -> ProjectDatabase {
        try ProjectDatabase.open(path: path, create: create)
    }

    /// Opens the project for a command that only reads: nothing is written, so it works on
    /// read-only media and never changes the file's bytes.
    func openForReading() throws -> ProjectDatabase {
        try ProjectDatabase.openForReading(path: path)
    }
}

/// The round a command is about: the one named with --round, else the project's only round.
func roundOrOnlyRound(_ round: String?, in db: ProjectDatabase) throws -> String {
    if let round { return round }
    let rounds = try CodingStore(database: db).rounds()
    guard rounds.count == 1 else {
        throw ValidationError(rounds.isEmpty ? "no rounds yet." : "say which round with --round (\(rounds.map(\.name).joined(separator: ", "))).")
    }
    return rounds[0].name
}

/// Runs a command body, printing library errors as one clear line on stderr and exiting non-zero,
/// instead of ArgumentParser's generic dump of the error value.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        printError("error: \(message)")
        throw ExitCode.failure
    }
}
