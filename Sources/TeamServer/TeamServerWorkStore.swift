import Foundation
import GRDB
import ProjectStore

/// A team working copy as a ``RoundWorkStore``: `round status` and `code queue` report the round
/// as the PostgreSQL team server holds it, and coding commands send their work to it.
///
/// Two gates apply, and the figures pass both: the copy's own ``AccessPolicy`` for the person
/// asking (the same rule as in a single project file), then the server's row-level rule for the
/// copy's owner (``TeamSchema/progress``). While a blind round is open a coder therefore sees their
/// own line and nothing of anyone else's, whatever they pass as `--as`. When the server cannot be
/// reached, the copy's own figures are given with a one-line notice saying so.
public struct TeamServerWorkStore: RoundWorkStore {
    public let path: String
    private let file: ProjectFileWorkStore

    public init(path: String) {
        self.path = path
        file = ProjectFileWorkStore(path: path)
    }

    /// The work store for the project at `path`: its team server when it is a working copy, else the file itself.
    public static func forProject(at path: String) -> any RoundWorkStore {
        FileManager.default.fileExists(atPath: TeamLink.url(forProject: path).path)
            ? TeamServerWorkStore(path: path) : ProjectFileWorkStore(path: path)
    }

    public func status(round: String, as viewer: Viewer) throws -> WorkReading<RoundStatus> {
        let local = try file.status(round: round, as: viewer).value
        let server: TeamProgress
        do { server = try read(round) } catch { return fallback(local, error) }
        var status = local
        status.status = server.status
        status.closedAt = server.closedAt ?? local.closedAt
        status.coders = local.coders.compactMap { mine in
            guard let line = server.lines[mine.coder] else { return nil }
            var p = mine
            p.assigned = line.assigned
            p.finished = line.finished
            p.tagged = line.tagged
            p.remaining = line.assigned - line.finished
            p.lastActivity = line.lastActivity ?? line.lastSent
            return p
        }
        if let units = local.units {
            let keys = try unitKeys(round)
            status.units = units.map { u in
                var p = u
                let visible = Set(u.finishedBy + u.unfinishedBy).filter { server.lines[$0] != nil }
                let key = keys[u.passageId].map { TeamProgress.Unit(document: $0.document, anchor: $0.anchor, caseId: u.caseId) }
                let finished = visible.filter { coder in key.map { server.done[coder]?.contains($0) == true } ?? false }
                p.finishedBy = finished.sorted()
                p.unfinishedBy = visible.subtracting(finished).sorted()
                return p
            }
        }
        var notes: [String] = []
        if let mine = local.coders.first(where: { $0.coder == server.handle }), let sent = server.lines[server.handle],
           mine.finished != sent.finished || mine.tagged != sent.tagged {
            notes.append("this copy holds \(mine.finished) finished units and \(mine.tagged) codings of yours, the server \(sent.finished) and \(sent.tagged): `dossier team sync` sends the rest")
        }
        notes += closedNote(server, local: local.status)
        return WorkReading(status, source: server.place, notice: notice(server, notes))
    }

    public func queue(round: String, coder: String, as viewer: Viewer) throws -> WorkReading<[(unit: CodingUnit, done: Bool)]> {
        let local = try file.queue(round: round, coder: coder, as: viewer).value
        let server: TeamProgress
        do { server = try read(round) } catch { return fallback(local, error) }
        guard server.lines[coder] != nil || local.isEmpty else {
            throw TeamError.progressHidden(coder: coder, round: round, handle: server.handle)
        }
        let keys = try unitKeys(round)
        let done = server.done[coder] ?? []
        let entries = local.map { entry in
            (unit: entry.unit, done: keys[entry.unit.passageId].map {
                done.contains(TeamProgress.Unit(document: $0.document, anchor: $0.anchor, caseId: entry.unit.caseId))
            } ?? false)
        }
        var notes: [String] = []
        let here = local.filter(\.done).count, there = entries.filter(\.done).count
        if coder == server.handle && here != there {
            notes.append("this copy has \(here) of these units finished, the server \(there): `dossier team sync` sends the rest")
        }
        return WorkReading(entries, source: server.place, notice: notice(server, notes))
    }

    public func deliver() -> [String] {
        do {
            guard let result = try blockingOnTeamServer({ [path] in try await TeamProject.sendIfTeamCopy(project: path) }) else { return [] }
            return (result.pushed.contains(where: \.new) || result.decisionsSent.contains(where: \.new) ? ["(sent to the team server)"] : [])
                + result.notSent.map { "note: round \($0) is closed on the team server; this change stays in your copy." }
        } catch {
            return ["note: not sent to the team server yet: \((error as? LocalizedError)?.errorDescription ?? "\(error)")"]
        }
    }

    public func readingNotices() -> [String] {
        let lastSync = (try? TeamLink.read(forProject: path))?.lastSync.map { TeamProject.isoString($0) } ?? "never"
        do {
            let lines = try blockingOnTeamServer { [path] in try await TeamProject.lag(project: path) }
            return lines.map { "note: this working copy is behind the team server: \($0)." }
        } catch {
            let why = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            return ["note: could not compare this working copy with the team server (last sync \(lastSync)), so this reads the copy as it is: \(why)"]
        }
    }

    // MARK: Internals

    private func read(_ round: String) throws -> TeamProgress {
        try blockingOnTeamServer { [path] in try await TeamProgress.read(project: path, round: round) }
    }

    /// The copy's own figures, saying why they are not the server's.
    private func fallback<T: Sendable>(_ local: T, _ error: Error) -> WorkReading<T> {
        let why: String
        switch error as? TeamError {
        case .unreachable(let place, let reason)?: why = "the team server at \(place) is not reachable (\(reason))"
        case .unknownRound(let round)?: why = "round \(round) is not on the team server yet (the lead publishes it with `dossier team publish`)"
        default: why = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        }
        return WorkReading(local, source: "this working copy", notice: "note: these are this working copy's own figures, not the server's: \(why)")
    }

    private func closedNote(_ server: TeamProgress, local: String) -> [String] {
        guard server.status == "closed", local != "closed" else { return [] }
        let when = server.closedAt.map { TeamProject.isoString($0) } ?? "?"
        return ["the round was closed on the server by \(server.closedBy ?? "?") on \(when); `dossier team sync` closes it in this copy"]
    }

    private func notice(_ server: TeamProgress, _ notes: [String]) -> String {
        "Progress as \(server.place) holds it for \(server.handle)" + (notes.isEmpty ? "." : "; " + notes.joined(separator: "; ") + ".")
    }

    /// How the copy's passages are named on the server (document identity and anchor), for the round's assigned units.
    private func unitKeys(_ round: String) throws -> [Int64: (document: String, anchor: String)] {
        try ProjectDatabase.openForReading(path: path).writer.read { db in
            var keys: [Int64: (String, String)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT p.id, d.identity, p.anchor FROM assignment a JOIN coding_round r ON r.id = a.round_id
                JOIN passage p ON p.id = a.passage_id JOIN document d ON d.id = p.document_id WHERE r.name = ?
                """, arguments: [round]) {
                keys[row["id"]] = (row["identity"], row["anchor"])
            }
            return keys
        }
    }
}
