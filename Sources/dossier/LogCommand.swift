import ArgumentParser
import Foundation
import ProjectStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the append-only audit log: who changed what, when, and the value before.",
        discussion: """
        Every coding, retraction, finished unit, assignment, round change and adjudication is an \
        event. The log cannot be edited (SQLite refuses updates and deletes on it). A coder reads \
        their own events; leads and adjudicators read everyone's, except events of a blind round \
        that is still open, which only the person who made them sees.

        Examples:
          dossier log --round rel-1 --format csv > audit.csv
          dossier log --who ana --action coding.retract
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Only events of this round.") var round: String?
    @Option(help: "Only events by this person.") var who: String?
    @Option(help: "Only this action (coding.add, coding.retract, unit.done, unit.reopen, assign, round.create, round.close, adjudicate, coder.add).") var action: String?
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let db = try project.openForReading()
            let roundId = try round.map { try CodingStore(database: db).round($0).id! }
            let events = try AuditLog.events(db, roundId: roundId, as: identity.viewer)
                .filter { who == nil || $0.who == who }
                .filter { action == nil || $0.action == action }
            let iso = ISO8601DateFormatter()
            if output.format == .json {
                // detail and previous are JSON already: nest them as objects rather than strings in strings.
                func object(_ text: String?) -> Any {
                    text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) } ?? NSNull()
                }
                print(JSONText.encode(events.map { e -> [String: Any] in
                    ["id": e.id, "at": iso.string(from: e.at), "who": e.who, "action": e.action, "entity": e.entity,
                     "entity_id": e.entityId, "round_id": e.roundId.map { $0 as Any } ?? NSNull(),
                     "detail": object(e.detail), "previous": object(e.previous)]
                }))
                return
            }
            print(RowPrinter(headers: ["id", "at", "who", "action", "entity", "entity_id", "round_id", "detail", "previous"],
                             rows: events.map { e in
                                 ["\(e.id)", iso.string(from: e.at), e.who, e.action, e.entity, e.entityId,
                                  e.roundId.map(String.init), e.detail, e.previous]
                             }).render(output.format))
        }
    }
}
