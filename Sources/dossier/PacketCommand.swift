import ArgumentParser
import Foundation
import ProjectStore

struct PacketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        abstract: "Move a coder's work between copies of a project (coding on a laptop, merging at base).",
        discussion: """
        A packet holds one coder's codings, retractions, finished units and unit notes in one round, named by document and \
        passage anchor, with the corpus fingerprint (the documents' content hashes) and the \
        codebook version. Merging refuses a packet made against different documents or another \
        codebook version, and merging the same packet twice changes nothing.

        Examples:
          dossier packet export --db laptop.sqlite --as ana --round rel-1 -o ana.json
          dossier packet merge --db study.sqlite ana.json ben.json
        """,
        subcommands: [Export.self, Merge.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a coder's work in a round to a JSON packet.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: "Whose work (default: you; in an open blind round only your own).") var coder: String?
        @Option(help: "Round name.") var round: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Packet file to write.", valueName: "file")) var output: String

        func run() throws {
            try reportingErrors {
                let packet = try PacketStore(database: try project.openForReading()).export(coder: try coder ?? identity.acting(legacy: nil),
                                                                                  round: round, as: identity.viewer)
                try PacketStore.write(packet, to: URL(fileURLWithPath: output))
                print("Wrote \(output): \(packet.codings.count) coding(s), \(packet.done.count) finished unit(s), \(packet.documents.count) document(s) fingerprinted.")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge packets into this project (each all or nothing).",
            discussion: """
            A packet carries the coder's codings, retractions, finished units and unit notes. \
            Retractions are applied here. Where the coder's work here and in the packet disagree on a \
            finished unit (tagged on one side, untagged on the other), every conflict is listed and \
            nothing is stored unless --prefer packet or --prefer project says which side wins. \
            Merging the same packet again changes nothing. The coder themselves, a lead or an \
            adjudicator merges (--as).

            Examples:
              dossier packet merge --as kim ana.json --dry-run
              dossier packet merge --as kim ana.json --prefer packet
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "Packet files.") var files: [String]
        @Option(help: "Where the packet and the project disagree: packet or project wins.") var prefer: PacketStore.Preference?
        @Flag(help: "Show what would change; write nothing.") var dryRun = false

        func run() throws {
            try reportingErrors {
                let store = PacketStore(database: try project.open())
                var failed = 0
                for file in files {
                    do {
                        let r = try store.merge(try PacketStore.read(URL(fileURLWithPath: file)), file: file, prefer: prefer,
                                                dryRun: dryRun, as: identity.viewer)
                        let verb = dryRun ? "would be" : ""
                        print("\(file)\(dryRun ? " (dry run, nothing written)" : ""): \(r.added) coding(s) \(verb.isEmpty ? "added" : "would be added"), "
                              + "\(r.alreadyPresent) already present, \(r.retracted) retracted\(verb.isEmpty ? "" : " (would be)"), "
                              + "\(r.unitsDone) unit(s) newly done, \(r.notesAdded) note(s) added.")
                        if !r.conflicts.isEmpty {
                            print("  \(r.conflicts.count) conflict(s)\(prefer.map { ", resolved for the \($0.rawValue)" } ?? ", not resolved (give --prefer packet|project)"):")
                            for c in r.conflicts { print("    \(c)") }
                        }
                    } catch {
                        failed += 1
                        printError("error: \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                    }
                }
                if failed > 0 { throw ExitCode.failure }
            }
        }
    }
}

extension PacketStore.Preference: ExpressibleByArgument {}
