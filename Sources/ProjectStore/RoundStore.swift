import Foundation
import GRDB

/// Coding rounds and their lifecycle: create, close (a lead or adjudicator; refused while units are
/// unfinished unless forced with a reason), reopen (a lead, with a reason), and progress.
/// Every change is written with its audit event in one transaction.
public struct RoundStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// A round codes one kind of subject: recipient cases, or actors in operations (pivotal states),
    /// which have rounds, agreement figures and classifications of their own. The round's first
    /// unit sets its kind; a unit of the other kind is refused with a message saying so.
    /// With `write` false (a check that must not write) the claim is only made on `round`.
    static func claimSubject(_ round: inout RoundRecord, subject: String, caseId: String, _ db: Database,
                             write: Bool = true) throws {
        if let kind = round.subject {
            guard kind == subject else { throw CodingError.invalid(Self.mixedSubjects(round: round.name, kind: kind, caseId: caseId)) }
            return
        }
        // Rounds from before the `i10-round-subject` migration: their units say what they code.
        let existing = try String.fetchAll(db, sql: """
            SELECT DISTINCT c.subject FROM coalition_case c WHERE c.id IN (
                SELECT case_id FROM assignment WHERE round_id = ?1 UNION SELECT case_id FROM coding WHERE round_id = ?1)
            """, arguments: [round.id])
        if let other = existing.first(where: { $0 != subject }) {
            throw CodingError.invalid(Self.mixedSubjects(round: round.name, kind: other, caseId: caseId))
        }
        if write { try db.execute(sql: "UPDATE coding_round SET subject = ? WHERE id = ?", arguments: [subject, round.id]) }
        round.subject = subject
    }

    static func mixedSubjects(round: String, kind: String, caseId: String) -> String {
        kind == "operation_actor"
            ? "round \(round) codes pivotal states (actors in operations, OPERATION@ACTOR); code case \(caseId) in a round of its own (`dossier round create`)."
            : "round \(round) codes recipient cases; code \(caseId), an actor in an operation (pivotal states), in a round of its own (`dossier round create`)."
    }

    /// Creates a round pinned to a codebook version; reliability rounds are blind unless told otherwise.
    public func createRound(name: String, purpose: RoundRecord.Purpose, codebook: CodebookVersionRecord,
                            blind: Bool? = nil, by viewer: Viewer = .anonymous) throws -> RoundRecord {
        try database.writer.write { db in
            let manager = try AccessPolicy.requireManager(viewer, to: "create rounds", db)
            if try RoundRecord.filter(Column("name") == name).fetchOne(db) != nil { throw CodingError.roundExists(name) }
            var round = RoundRecord(id: nil, name: name, purpose: purpose, codebookVersionId: codebook.id!,
                                    blind: blind ?? (purpose == .reliability), status: "open", sample: nil,
                                    createdAt: Date(), closedAt: nil)
            try round.insert(db)
            try AuditLog.record(db, who: manager, action: "round.create", entity: "round", id: name, roundId: round.id, detail: round)
            return round
        }
    }

    /// Closes a round: its codings freeze and it stops being blind. Only a lead or adjudicator may.
    /// Refused while an assigned coder has unfinished units, unless `force` with a `reason`, which
    /// the log keeps and the report shows.
    public func closeRound(_ name: String, by who: String?, force: Bool = false, reason: String? = nil) throws -> RoundRecord {
        try database.writer.write { db in
            try AccessPolicy.require([.lead, .adjudicator], Viewer(who), to: "close a round", db)
            var round = try Self.round(name, db)
            guard round.isOpen else {
                let last = try Self.history(roundId: round.id!, db).last { $0.action == .close }
                throw CodingError.alreadyClosed(round: name, on: round.closedAt ?? last?.at, by: last?.who)
            }
            let unfinished = try AssignmentStore.progress(roundId: round.id!, db).filter { $0.finished < $0.assigned }
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if force {
                guard let reason, !reason.isEmpty else {
                    throw CodingError.invalid("--force needs --reason TEXT: it is logged and shown in the report.")
                }
            } else if !unfinished.isEmpty {
                throw CodingError.unfinished(round: name, progress: unfinished.map { "\($0.coder): \($0.finished) of \($0.assigned) units finished" })
            }
            let previous = round
            round.status = "closed"
            round.closedAt = Date()
            try round.update(db)
            let detail = RoundEvent.Detail(status: round.status, closedAt: round.closedAt, forced: force && !unfinished.isEmpty,
                                           reason: reason, unfinished: unfinished.map { "\($0.coder): \($0.finished) of \($0.assigned) units finished" })
            try AuditLog.record(db, who: who ?? "-", action: RoundEvent.Action.close.rawValue, entity: "round", id: name,
                                roundId: round.id, detail: detail,
                                previous: RoundEvent.Detail(status: previous.status, closedAt: previous.closedAt))
            return round
        }
    }

    /// Reopens a closed round (a lead only, with a reason): it is blind again while open, and
    /// reports computed afterwards say it was reopened.
    public func reopenRound(_ name: String, by who: String?, reason: String) throws -> RoundRecord {
        try database.writer.write { db in
            try AccessPolicy.require([.lead], Viewer(who), to: "reopen a round", db)
            var round = try Self.round(name, db)
            guard !round.isOpen else { throw CodingError.invalid("round \(name) is open; there is nothing to reopen.") }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw CodingError.invalid("give --reason TEXT: a reopening is logged and shown in the report.") }
            let previous = round
            round.status = "open"
            round.closedAt = nil
            try round.update(db)
            try AuditLog.record(db, who: who ?? "-", action: RoundEvent.Action.reopen.rawValue, entity: "round", id: name,
                                roundId: round.id, detail: RoundEvent.Detail(status: round.status, reason: reason),
                                previous: RoundEvent.Detail(status: previous.status, closedAt: previous.closedAt))
            return round
        }
    }

    public func rounds() throws -> [RoundRecord] {
        try database.writer.read { db in try RoundRecord.order(Column("id")).fetchAll(db) }
    }

    public func round(_ name: String) throws -> RoundRecord {
        try database.writer.read { db in try Self.round(name, db) }
    }

    /// A round by name, or by id as printed (`3`).
    static func round(_ name: String, _ db: Database) throws -> RoundRecord {
        if let round = try RoundRecord.filter(Column("name") == name).fetchOne(db) { return round }
        if let id = Int64(name), let round = try RoundRecord.fetchOne(db, key: id) { return round }
        throw CodingError.unknownRound(name)
    }

    /// The codebook a round is pinned to.
    public func codebook(of round: RoundRecord) throws -> CodebookVersionRecord {
        try database.writer.read { db in try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)! }
    }

    /// Closings and reopenings of a round, oldest first, from the audit log.
    static func history(roundId: Int64, _ db: Database) throws -> [RoundEvent] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try Row.fetchAll(db, sql: """
            SELECT at, who, action, detail FROM audit_event WHERE round_id = ? AND action IN ('round.close', 'round.reopen') ORDER BY id
            """, arguments: [roundId]).compactMap { row in
            guard let action = RoundEvent.Action(rawValue: row["action"]) else { return nil }
            let text: String? = row["detail"]
            let detail = text.flatMap { try? decoder.decode(RoundEvent.Detail.self, from: Data($0.utf8)) }
            return RoundEvent(at: row["at"], who: row["who"], action: action, reason: detail?.reason,
                              forced: detail?.forced ?? false, unfinished: detail?.unfinished ?? [])
        }
    }

    /// Progress of a round as `viewer` may see it: while it is blind and open, a coder sees only
    /// their own line and no per-unit progress; leads and adjudicators see everyone's progress
    /// (counts and finished marks, never codings).
    public func status(round name: String, as viewer: Viewer) throws -> RoundStatus {
        try database.writer.read { db in
            let round = try Self.round(name, db)
            let me = try AccessPolicy.who(viewer, db)
            var only: String?
            if AccessPolicy.isBlindNow(round) {
                guard let me else { throw CodingError.blindNeedsViewer(round: round.name) }
                if me.role == .coder { only = me.handle }
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.coder,
                       COUNT(*) AS assigned,
                       COUNT(d.done_at) AS finished,
                       (SELECT COUNT(*) FROM coding c WHERE c.round_id = a.round_id AND c.coder = a.coder AND c.retracted_at IS NULL) AS tagged,
                       (SELECT MAX(e.at) FROM audit_event e WHERE e.round_id = a.round_id AND e.who = a.coder) AS last_activity
                FROM assignment a LEFT JOIN unit_done d ON d.round_id = a.round_id AND d.coder = a.coder
                     AND d.passage_id = a.passage_id AND d.case_id = a.case_id
                WHERE a.round_id = ?1 AND (?2 IS NULL OR a.coder = ?2)
                GROUP BY a.coder ORDER BY a.coder
                """, arguments: [round.id, only])
            let coders = rows.map { r in
                RoundStatus.CoderProgress(coder: r["coder"], assigned: r["assigned"], finished: r["finished"], tagged: r["tagged"],
                                          remaining: (r["assigned"] as Int) - (r["finished"] as Int), lastActivity: r["last_activity"])
            }
            var units: [RoundStatus.UnitProgress]?
            if only == nil {
                let unitRows = try Row.fetchAll(db, sql: """
                    SELECT a.passage_id, a.case_id, MIN(a.position) AS position,
                           GROUP_CONCAT(CASE WHEN d.done_at IS NOT NULL THEN a.coder END) AS finished,
                           GROUP_CONCAT(CASE WHEN d.done_at IS NULL THEN a.coder END) AS unfinished
                    FROM assignment a LEFT JOIN unit_done d ON d.round_id = a.round_id AND d.coder = a.coder
                         AND d.passage_id = a.passage_id AND d.case_id = a.case_id
                    WHERE a.round_id = ? GROUP BY a.passage_id, a.case_id ORDER BY position, a.passage_id, a.case_id
                    """, arguments: [round.id])
                func list(_ s: String?) -> [String] { (s ?? "").split(separator: ",").map(String.init).sorted() }
                units = unitRows.map {
                    RoundStatus.UnitProgress(passageId: $0["passage_id"], caseId: $0["case_id"],
                                             finishedBy: list($0["finished"]), unfinishedBy: list($0["unfinished"]))
                }
            }
            return RoundStatus(round: round.name, purpose: round.purpose.rawValue, blind: round.blind, status: round.status,
                               closedAt: round.closedAt, coders: coders, units: units,
                               history: try Self.history(roundId: round.id!, db))
        }
    }
}

/// A closing or reopening of a round, as the audit log keeps it.
public struct RoundEvent: Sendable, Encodable, Equatable {
    public enum Action: String, Sendable, Encodable {
        case close = "round.close"
        case reopen = "round.reopen"
    }

    public var at: Date
    public var who: String
    public var action: Action
    public var reason: String?
    /// Closed although units were unfinished.
    public var forced: Bool
    /// Per coder, "ben: 0 of 14 units finished", when forced.
    public var unfinished: [String]

    /// What the log stores in `detail`.
    struct Detail: Codable {
        var status: String
        var closedAt: Date?
        var forced: Bool?
        var reason: String?
        var unfinished: [String]?
    }

    /// One line for a report or a status table.
    public var sentence: String {
        let date = ISO8601DateFormatter().string(from: at)
        switch action {
        case .close where forced:
            return "Closed on \(date) by \(who) with unfinished units (\(unfinished.joined(separator: "; "))): \(reason ?? "no reason given")."
        case .close:
            return "Closed on \(date) by \(who)\(reason.map { ": \($0)" } ?? "")."
        case .reopen:
            return "Reopened on \(date) by \(who): \(reason ?? "no reason given")."
        }
    }
}

/// Where a round stands, per coder and (for leads and adjudicators, or once it is no longer blind) per unit.
public struct RoundStatus: Sendable, Encodable {
    public struct CoderProgress: Sendable, Encodable {
        public var coder: String
        public var assigned: Int
        public var finished: Int
        /// Live (not retracted) codings.
        public var tagged: Int
        public var remaining: Int
        public var lastActivity: Date?
    }

    public struct UnitProgress: Sendable, Encodable {
        public var passageId: Int64
        public var caseId: String
        public var finishedBy: [String]
        public var unfinishedBy: [String]
    }

    public var round: String
    public var purpose: String
    public var blind: Bool
    public var status: String
    public var closedAt: Date?
    public var coders: [CoderProgress]
    /// nil when the viewer may not see other coders' progress.
    public var units: [UnitProgress]?
    public var history: [RoundEvent]
}
