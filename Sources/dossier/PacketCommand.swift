import ArgumentParser
import Foundation
import ProjectStore

struct PacketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        abstract: "Move a coder's work between copies of a project (coding on a laptop, merging at base).",
        discussion: """
        A packet holds one coder's codings and finished units in one round, named by document and
        passage anchor, with the corpus fingerprint (the documents' content hashes) and the
        codebook version. Merging refuses a packet made against different documents or another
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
        static let configuration = CommandConfiguration(abstract: "Merge packets into this project (each all or nothing).")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Packet files.") var files: [String]

        func run() throws {
            try reportingErrors {
                let store = PacketStore(database: try project.open())
                var failed = 0
                for file in files {
                    do {
                        let r = try store.merge(try PacketStore.read(URL(fileURLWithPath: file)), file: file)
                        print("\(file): \(r.added) coding(s) added, \(r.alreadyPresent) already present, \(r.unitsDone) unit(s) newly done.")
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
