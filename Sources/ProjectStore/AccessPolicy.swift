import Foundation
import GRDB

/// What a viewer may see of a round, decided in one place for every command.
///
/// A blind round hides each coder's work from everyone else until a lead or adjudicator closes it:
/// while it is open, whoever asks (coder, adjudicator or lead alike) sees only the codings, notes,
/// finished units and audit events they made themselves, and views that need several coders'
/// work at once (agreement, disagreements, reports) are refused. Closed rounds and rounds that are
/// not blind are visible to everyone.
public enum AccessPolicy {
    /// How much of a round's coding a viewer sees.
    public enum Scope: Sendable, Equatable {
        /// Every coder's work.
        case everyone
        /// Only this coder's own work.
        case onlyOwn(String)
    }

    /// True while the round hides coders' work from each other.
    public static func isBlindNow(_ round: RoundRecord) -> Bool { round.blind && round.isOpen }

    /// The viewer's coder record, or nil for an anonymous viewer; an unknown handle is an error.
    static func who(_ viewer: Viewer, _ db: Database) throws -> CoderRecord? {
        guard let handle = viewer.handle else { return nil }
        guard let coder = try CoderRecord.fetchOne(db, key: handle) else { throw CodingError.unknownCoder(handle) }
        return coder
    }

    /// What of `round` the viewer sees. In an open blind round, nobody may look without saying who they are.
    static func scope(of round: RoundRecord, for viewer: Viewer, _ db: Database) throws -> Scope {
        _ = try who(viewer, db)
        guard isBlindNow(round) else { return .everyone }
        guard let handle = viewer.handle else { throw CodingError.blindNeedsViewer(round: round.name) }
        return .onlyOwn(handle)
    }

    /// For views that combine several coders' work (agreement, disagreements, reports): refused
    /// while the round is blind and open, for everyone.
    static func requireWholeRound(_ round: RoundRecord, for viewer: Viewer, _ db: Database) throws {
        _ = try who(viewer, db)
        if isBlindNow(round) { throw CodingError.blindUntilClosed(round: round.name) }
    }

    /// For one coder's work (packets, filters by coder): the viewer must be that coder while the round is blind and open.
    static func requireWork(of coder: String, in round: RoundRecord, for viewer: Viewer, _ db: Database) throws {
        if case .onlyOwn(let handle) = try scope(of: round, for: viewer, db), handle != coder {
            throw CodingError.blind(round: round.name, viewer: handle)
        }
    }

    /// For writing one coder's work on their behalf (merging their packet): the coder themselves, a
    /// lead or an adjudicator. Until the project has a lead, nobody-in-particular may too, except
    /// in a blind round that is open (the merge report would show the coder's work).
    static func requireMayWrite(for coder: String, in round: RoundRecord, viewer: Viewer, _ db: Database) throws {
        guard let me = try who(viewer, db) else {
            if isBlindNow(round) { throw CodingError.blindNeedsViewer(round: round.name) }
            let hasLead = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coder WHERE role = 'lead')") ?? false
            if hasLead { throw CodingError.needsRole(action: "merge another coder's work", roles: ["adjudicator", "lead"], handle: nil, role: nil) }
            return
        }
        if me.handle == coder || me.role == .lead || me.role == .adjudicator { return }
        if isBlindNow(round) { throw CodingError.blind(round: round.name, viewer: me.handle) }
        throw CodingError.needsRole(action: "merge another coder's work", roles: ["adjudicator", "lead"], handle: me.handle, role: me.role.rawValue)
    }

    /// For entering codings in `coder`'s name (a CSV's `coder` column). Someone who says who they
    /// are enters only their own work, unless they are a lead or adjudicator (a file a coder sent
    /// them). Nobody in particular is trusted as `code add --coder` is, except in an open blind
    /// round, where the file must be imported as its coder.
    static func requireMayEnter(for coder: String, in round: RoundRecord, viewer: Viewer, _ db: Database) throws {
        guard let me = try who(viewer, db) else {
            if isBlindNow(round) { throw CodingError.blindNeedsViewer(round: round.name) }
            return
        }
        if me.handle == coder || me.role == .lead || me.role == .adjudicator { return }
        if isBlindNow(round) { throw CodingError.entersForAnother(round: round.name, viewer: me.handle, coder: coder) }
        throw CodingError.needsRole(action: "import codings in another coder's name", roles: ["adjudicator", "lead"],
                                    handle: me.handle, role: me.role.rawValue)
    }

    /// Refuses unless the viewer holds one of `roles`; `action` says what they tried, in a researcher's words.
    @discardableResult
    static func require(_ roles: Set<CoderRecord.Role>, _ viewer: Viewer, to action: String, _ db: Database) throws -> CoderRecord {
        guard let coder = try who(viewer, db) else {
            throw CodingError.needsRole(action: action, roles: roles.map(\.rawValue).sorted(), handle: nil, role: nil)
        }
        guard roles.contains(coder.role) else {
            throw CodingError.needsRole(action: action, roles: roles.map(\.rawValue).sorted(), handle: coder.handle, role: coder.role.rawValue)
        }
        return coder
    }

    /// Management (creating rounds, assigning units) is open to anyone until the project has a
    /// lead; from then on it needs a lead or adjudicator. A coder is always refused.
    @discardableResult
    static func requireManager(_ viewer: Viewer, to action: String, _ db: Database) throws -> String {
        let hasLead = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coder WHERE role = 'lead')") ?? false
        if viewer.handle == nil && !hasLead { return "-" }
        return try require([.lead, .adjudicator], viewer, to: action, db).handle
    }

    /// The audit events the viewer may read. While a round is blind and open, its events are shown
    /// only to the person who made them. A coder reads only their own trail; leads and adjudicators
    /// read everyone's, except the hidden blind-round events. Nobody in particular reads the
    /// project's events minus those of, or naming, anyone coding in an open blind round.
    static func visibleEvents(_ events: [AuditLog.Event], for viewer: Viewer, _ db: Database) throws -> [AuditLog.Event] {
        let me = try who(viewer, db)
        let blindRounds = Set(try RoundRecord.fetchAll(db).filter(isBlindNow).compactMap(\.id))
        if me?.role == .coder { return events.filter { $0.who == me?.handle } }
        var hiddenPeople: Set<String> = []
        if me == nil, !blindRounds.isEmpty {
            hiddenPeople = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT coder FROM assignment WHERE round_id IN (\(blindRounds.map(String.init).joined(separator: ",")))
                UNION SELECT DISTINCT coder FROM coding WHERE round_id IN (\(blindRounds.map(String.init).joined(separator: ",")))
                """))
        }
        return events.filter { e in
            if let handle = me?.handle, e.who == handle { return true }
            if let round = e.roundId, blindRounds.contains(round) { return false }
            if hiddenPeople.isEmpty { return true }
            if hiddenPeople.contains(e.who) || hiddenPeople.contains(e.entityId) { return false }
            let text = (e.detail ?? "") + (e.previous ?? "")
            return !hiddenPeople.contains { text.contains("\"\($0)\"") }
        }
    }
}
