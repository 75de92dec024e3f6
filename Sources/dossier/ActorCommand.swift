import ArgumentParser
import Codebook
import Foundation
import ProjectStore

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Add, list and show actors (states and organisations) and their aliases.",
        discussion: """
        Examples:
          dossier actor add KOR --name "South Korea" --iso3 KOR --alias ROK --alias "Republic of Korea"
          dossier actor update KOR --alias ROK --alias "Republic of Korea" --alias "=ROKG"
          dossier actor list --format csv
          dossier actor show KOR
        """,
        subcommands: [Add.self, Update.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an actor (an existing id is refused: use `actor update`).")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "Actor id (ISO 3166 alpha-3 for states, e.g. COL).") var id: String
        @Option(help: "Name.") var name: String
        @Option(help: "state or organisation (others: \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", "))).") var kind: String = "state"
        @Option(help: "ISO 3166 alpha-3 code.") var iso3: String?
        @Option(help: "Another name (repeatable); end with * to match word starts (Korea* matches Koreans).") var alias: [String] = []

        func run() throws {
            try reportingErrors {
                guard let k = Actor.Kind(rawValue: kind) else {
                    throw ValidationError("--kind must be one of \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                if let iso3, !ISOCodes.isCountry(iso3) { throw ValidationError("--iso3 \(iso3) is not an ISO 3166 alpha-3 code.") }
                try RegisterStore(database: try project.open()).create(actor: Actor(id: id, name: name, kind: k, iso3: iso3, aliases: alias), by: identity.editor)
                print("Added actor \(id) (\(name)).")
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an actor, keeping what you do not give (--alias replaces the aliases).")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "Actor id.") var id: String
        @Option(help: "Name.") var name: String?
        @Option(help: "state or organisation (others: \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", "))).") var kind: String?
        @Option(help: "ISO 3166 alpha-3 code.") var iso3: String?
        @Option(help: "The aliases, all of them (repeatable); omit to keep the current ones.") var alias: [String] = []

        func run() throws {
            try reportingErrors {
                let k = try kind.map { value -> Actor.Kind in
                    guard let k = Actor.Kind(rawValue: value) else {
                        throw ValidationError("--kind must be one of \(Actor.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
                    }
                    return k
                }
                if let iso3, !ISOCodes.isCountry(iso3) { throw ValidationError("--iso3 \(iso3) is not an ISO 3166 alpha-3 code.") }
                let actor = try RegisterStore(database: try project.open())
                    .updateActor(id: id, name: name, kind: k, iso3: iso3, aliases: alias.isEmpty ? nil : alias, by: identity.editor)
                print("Updated actor \(actor.id) (\(actor.name); aliases: \(actor.aliases.joined(separator: ", "))).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List actors.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                print(RowPrinter(headers: ["id", "name", "kind", "iso3", "aliases"],
                                 rows: r.actors.map { [$0.id, $0.name, $0.kind.rawValue, $0.iso3, $0.aliases.joined(separator: "; ")] })
                    .render(output.format))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an actor with its cases.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Actor id.") var id: String
        func run() throws {
            try reportingErrors {
                let r = try RegisterStore(database: try project.openForReading()).register()
                guard let a = r.actor(id) else { throw StoreError.notFound(kind: "actor", id: id) }
                print(JSONText.encode(["actor": AnyEncodable(a), "cases": AnyEncodable(r.cases.filter { $0.recipient == id })]))
            }
        }
    }
}
