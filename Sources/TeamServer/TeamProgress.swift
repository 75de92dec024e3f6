import Foundation
import ProjectStore

/// A round's progress as the team server holds it and lets the connected role see (see
/// ``TeamSchema/progress``): per coder units assigned, finished and codings live, and which
/// units each has finished. Never coding content.
public struct TeamProgress: Sendable {
    public struct Line: Sendable, Equatable {
        public var assigned: Int
        public var finished: Int
        public var tagged: Int
        public var lastSent: Date?
        /// The coder's latest logged event in the round as of that send (their copy's audit log).
        public var lastActivity: Date?
    }

    /// A unit as working copies name it: passage ids differ between copies, document identities and anchors do not.
    public struct Unit: Sendable, Hashable {
        public var document: String
        public var anchor: String
        public var caseId: String

        public init(document: String, anchor: String, caseId: String) {
            self.document = document
            self.anchor = anchor
            self.caseId = caseId
        }
    }

    public var round: String
    public var status: String
    public var closedAt: Date?
    public var closedBy: String?
    /// Whose role the server answered (the working copy's owner).
    public var handle: String
    /// Only the coders the server lets `handle` see.
    public var lines: [String: Line]
    /// Units each visible coder has finished, as named in packets (document identity, anchor, case).
    public var done: [String: Set<Unit>]
    /// Where the figures come from, for people.
    public var place: String

    /// Reads `round`'s progress from the server a working copy is linked to, as the copy's owner.
    /// A short timeout: these are read by commands a person waits for.
    public static func read(project path: String, round: String, timeout: Int64 = 3) async throws -> TeamProgress {
        try await TeamProject.withCopySession(project: path, as: nil, timeout: timeout) { c, me, _ in
            let rounds = try await c.run("SELECT status, closed_at, closed_by FROM team_round WHERE name = \(round)", "read round \(round)")
            guard let row = rounds.first else { throw TeamError.unknownRound(round) }
            let (status, closedAt, closedBy) = try row.decode((String, Date?, String?).self)
            var lines: [String: Line] = [:]
            for r in try await c.run("SELECT coder, assigned, finished, tagged, last_push, last_activity FROM dossier_round_tally(\(round))",
                                     "read progress in \(round)") {
                let (coder, assigned, finished, tagged, last, activity) = try r.decode((String, Int32, Int32, Int32, Date?, Date?).self)
                lines[coder] = Line(assigned: Int(assigned), finished: Int(finished), tagged: Int(tagged), lastSent: last, lastActivity: activity)
            }
            var done: [String: Set<Unit>] = [:]
            for r in try await c.run("SELECT coder, document, anchor, case_id FROM dossier_round_done(\(round))",
                                     "read finished units in \(round)") {
                let (coder, document, anchor, caseId) = try r.decode((String, String, String, String).self)
                done[coder, default: []].insert(Unit(document: document, anchor: anchor, caseId: caseId))
            }
            return TeamProgress(round: round, status: status, closedAt: closedAt, closedBy: closedBy, handle: me.handle,
                                lines: lines, done: done, place: "the team server at \(c.endpoint.place)")
        }
    }
}
