import ArgumentParser
import Foundation
import ProjectStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the project file and its audit trail; exit non-zero when something is wrong.",
        discussion: """
        Checks, in order: SQLite's integrity_check (pages and indexes); foreign keys; rows no key \
        covers (unfinished import batches, documents without exactly one current version, passages \
        missing from the full-text index); the audit log's continuity (append-only triggers in \
        place, no gap in event ids, every coding, retraction and finished unit logged); and the \
        FTS5 full-text index against the passages (SQLite runs this one only inside a write \
        transaction: it briefly holds the write lock, in a transaction that is rolled back, and is \
        skipped when the project file is not writable). The project file is never changed.

        Problems name rows by id, never a coder or their text. Exit status 0 when all is well, \
        1 when any problem is listed.

        Examples:
          dossier check --db study.sqlite
          dossier check --format json | jq '.problems[].message'
        """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try reportingErrors { () -> ProjectCheck.Report in
            try ProjectCheck.run(try project.openForReading())
        }
        switch output.format {
        case .json: print(JSONText.encode(report))
        case .csv: print(RowPrinter(headers: ["check", "message"], rows: report.problems.map { [$0.check, $0.message] }).csv())
        case .table:
            for problem in report.problems { print("\(problem.check): \(problem.message)") }
            for note in report.skipped { printError("skipped \(note)") }
            print(report.isHealthy ? "OK: \(report.checks.joined(separator: ", ")) checks passed."
                                   : "\(report.problems.count) problem(s) found.")
        }
        if !report.isHealthy { throw ExitCode.failure }
    }
}
