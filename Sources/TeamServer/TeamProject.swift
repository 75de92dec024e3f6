import ArchiveIngest
import Foundation
import GRDB
import PostgresNIO
import ProjectStore

/// A project shared through a PostgreSQL team server.
///
/// The server holds the published corpus (a ``ProjectSnapshot``), the rounds and who is assigned
/// to them, and every coder's work as packets (``CoderPacket``, the same JSON as `packet export`)
/// plus one row per coding. Each person works in a local working copy: an ordinary project file
/// built from the snapshot, so search, the coding screen and every report run locally and give the
/// same figures as a single project file. `sync` sends the copy's own work and brings back what the
/// server lets this person see, which row-level security decides (see ``TeamSchema``).
public enum TeamProject {
    // MARK: Setting up

    public struct PublishResult: Sendable, Equatable {
        public var version: Int
        public var isNew: Bool
        public var documents: Int
        public var passages: Int
        public var rounds: Int
    }

    public struct InitResult: Sendable {
        public var migrations: [String]
        public var members: [(handle: String, role: String, created: Bool)]
        public var publish: PublishResult
    }

    /// Creates (or updates) the team schema as the URL's role (the owner), registers the project's
    /// coders as members (PostgreSQL roles of the same name, created when missing), publishes the
    /// project, and makes the project the lead's working copy.
    public static func initialize(_ endpoint: TeamEndpoint, project path: String, lead: String) async throws -> InitResult {
        let local = try LocalProject(path: path)
        let coders = try local.coders()
        guard let leader = coders.first(where: { $0.handle == lead }) else {
            throw TeamError.notAMember(user: lead, database: "the project \(path) (add the lead with `dossier coder add \(lead) --role lead`)")
        }
        guard leader.role == .lead else { throw TeamError.needsRole(action: "set up a team project", roles: ["lead"], user: lead) }
        return try await TeamConnection.with(endpoint, as: nil) { c in
            let ran = try await TeamSchema.migrate(c)
            var members: [(String, String, Bool)] = []
            for coder in coders {
                let created = try await ensureMember(c, handle: coder.handle, role: coder.role.rawValue, pgRole: coder.handle)
                members.append((coder.handle, coder.role.rawValue, created))
            }
            let published = try await publish(c, local: local, path: path)
            // The lead works as their own role from now on, not as the owner who set the schema up.
            var asLead = endpoint
            asLead.user = nil
            try TeamLink(server: asLead.description, handle: lead, snapshotVersion: published.version, joinedAt: Date(), lastSync: Date())
                .write(forProject: path)
            return InitResult(migrations: ran, members: members, publish: published)
        }
    }

    /// Adds a member (a lead's or the owner's action): creates the PostgreSQL role when missing,
    /// gives it the team's grants, and records its Dossier role. `password` sets the role's
    /// password (read by the command from standard input, never from its arguments).
    public static func addMember(_ endpoint: TeamEndpoint, as who: String?, handle: String, role: String,
                                 pgRole: String?, password: String?) async throws -> Bool {
        guard ["coder", "adjudicator", "lead"].contains(role) else { throw TeamError.unknownRole(role) }
        return try await TeamConnection.with(endpoint, as: who) { c in
            try await TeamSchema.check(c)
            let created = try await ensureMember(c, handle: handle, role: role, pgRole: pgRole ?? handle)
            if let password {
                let rows = try await c.run("SELECT format('ALTER ROLE %I PASSWORD %L', \(pgRole ?? handle), \(password))", "set the password")
                try await c.run(PostgresQuery(unsafeSQL: try rows[0].decode(String.self)), "set the password of \(pgRole ?? handle)")
            }
            try await audit(c, round: nil, action: "member-add", detail: ["handle": handle, "role": role, "pg_role": pgRole ?? handle])
            return created
        }
    }

    /// Publishes the lead's project again (a changed corpus, a new round or assignment): a new
    /// snapshot version when anything published changed, nothing otherwise.
    public static func publish(project path: String, as who: String?) async throws -> PublishResult {
        try await withCopySession(project: path, as: who) { c, _, link in
            let result = try await publish(c, local: try LocalProject(path: path), path: path)
            var updated = link
            updated.snapshotVersion = max(link.snapshotVersion, result.version)
            try updated.write(forProject: path)
            return result
        }
    }

    // MARK: Working copies

    public struct SyncResult: Sendable {
        /// Per round: codings and finished units sent (0 when the server already had this work).
        public var pushed: [(round: String, codings: Int, finished: Int, new: Bool)] = []
        /// Rounds closed on the server whose later local changes could not be sent.
        public var notSent: [String] = []
        /// Other people's work merged into the copy (visible once a round is closed, to leads and adjudicators).
        public var pulled: [(round: String, coder: String, added: Int, retracted: Int)] = []
        public var closedHere: [String] = []
        /// Rounds whose decisions (this adjudicator's) were sent, and whether anything was new.
        public var decisionsSent: [(round: String, new: Bool)] = []
        /// Other adjudicators' decisions recorded in the copy.
        public var decisionsPulled: [(round: String, adjudicator: String, recorded: Int)] = []
        public var rebuiltFrom: Int?
        public var previousCopy: String?
        public var snapshotVersion: Int = 0
    }

    /// Makes a working copy for `handle` at `path` from the latest published snapshot, with the
    /// work the server lets them see (their own, and more once rounds are closed for leads).
    public static func join(_ endpoint: TeamEndpoint, handle: String, project path: String) async throws -> SyncResult {
        guard !FileManager.default.fileExists(atPath: path) else { throw TeamError.alreadyExists(path: path) }
        return try await TeamConnection.with(endpoint, as: handle) { c in
            try await TeamSchema.check(c)
            let me = try await member(c)
            let (version, bytes) = try await latestSnapshot(c)
            let staging = path + ".joining"
            try? FileManager.default.removeItem(atPath: staging)
            try bytes.write(to: URL(fileURLWithPath: staging))
            var result = SyncResult()
            do {
                let local = try LocalProject(path: staging)
                try await pull(c, into: local, me: me, includeOwn: true, result: &result)
                try await closeLocally(c, local: local, me: me, result: &result)
                try await pullDecisions(c, into: local, me: me, includeOwn: true, result: &result)
                try local.release()
            } catch {
                try? FileManager.default.removeItem(atPath: staging)
                throw error
            }
            try FileManager.default.moveItem(atPath: staging, toPath: path)
            // The staging file was checkpointed and closed: its WAL sidecars hold nothing any more.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
            try TeamLink(server: endpoint.description, handle: me.handle, snapshotVersion: version, joinedAt: Date(), lastSync: Date())
                .write(forProject: path)
            result.snapshotVersion = version
            return result
        }
    }

    /// Sends this copy's own work, brings back what the server lets this person see, and rebuilds
    /// the copy when the lead published a new snapshot (the old file is kept beside it). Every step
    /// is idempotent: a sync interrupted anywhere and run again sends nothing twice and loses nothing.
    public static func sync(project path: String, as who: String?) async throws -> SyncResult {
        let owner = try TeamLink.read(forProject: path).handle
        if let who, who != owner {
            throw TeamError.needsRole(action: "sync \(owner)'s working copy", roles: [owner], user: who)
        }
        return try await withCopySession(project: path, as: owner) { c, me, link in
            var result = SyncResult()
            var local = try LocalProject(path: path)
            try await push(c, from: local, me: me, result: &result)
            let latest = try await latestVersion(c)
            if latest > link.snapshotVersion {
                try local.release()
                let (version, bytes) = try await latestSnapshot(c)
                let staging = path + ".rebuilding"
                try? FileManager.default.removeItem(atPath: staging)
                try bytes.write(to: URL(fileURLWithPath: staging))
                let fresh = try LocalProject(path: staging)
                try await pull(c, into: fresh, me: me, includeOwn: true, result: &result)
                try await closeLocally(c, local: fresh, me: me, result: &result)
                try await pullDecisions(c, into: fresh, me: me, includeOwn: true, result: &result)
                try fresh.release()
                let kept = path + ".before-v\(version)"
                try? FileManager.default.removeItem(atPath: kept)
                try FileManager.default.moveItem(atPath: path, toPath: kept)
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                try FileManager.default.moveItem(atPath: staging, toPath: path)
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
                result.rebuiltFrom = version
                result.previousCopy = kept
                local = try LocalProject(path: path)
            } else {
                try await pull(c, into: local, me: me, includeOwn: false, result: &result)
            }
            try await closeLocally(c, local: local, me: me, result: &result)
            try await pullDecisions(c, into: local, me: me, includeOwn: false, result: &result)
            var updated = link
            updated.snapshotVersion = max(link.snapshotVersion, latest)
            updated.lastSync = Date()
            try updated.write(forProject: path)
            result.snapshotVersion = updated.snapshotVersion
            return result
        }
    }

    /// Sends this copy's own work right after a coding command, without bringing anything back:
    /// what makes codings reach the server as they are made. Nil when the project is not a team
    /// working copy. A server that cannot be reached within a few seconds is reported, and the work
    /// waits in the copy for the next `team sync`.
    public static func sendIfTeamCopy(project path: String) async throws -> SyncResult? {
        guard FileManager.default.fileExists(atPath: TeamLink.url(forProject: path).path) else { return nil }
        return try await withCopySession(project: path, as: nil, timeout: 3) { c, me, _ in
            var result = SyncResult()
            try await push(c, from: try LocalProject(path: path), me: me, result: &result)
            return result
        }
    }

    // MARK: Rounds

    public struct RoundProgress: Sendable, Equatable {
        public var coder: String
        public var assigned: Int
        public var finished: Int
        public var lastPush: Date?
    }

    public struct RoundState: Sendable {
        public var name: String
        public var purpose: String
        public var blind: Bool
        public var status: String
        public var closedAt: Date?
        public var closedBy: String?
        public var progress: [RoundProgress]
    }

    public struct Status: Sendable {
        public var server: String
        public var handle: String
        public var role: String
        public var schema: [String]
        public var publishedVersion: Int
        public var copyVersion: Int
        public var lastSync: Date?
        public var rounds: [RoundState]
        /// Rounds where this copy holds work the server does not have yet.
        public var unsent: [String]
        /// The TLS version of this session as the server reports it (`pg_stat_ssl`), nil when not encrypted.
        public var tls: String?
    }

    /// Closes a round on the server (a lead or adjudicator): refused while an assigned coder has
    /// unfinished units (as counted from what they have sent), unless forced with a reason.
    /// Then syncs the closer's copy, which brings in everyone's work.
    public static func close(project path: String, round name: String, as who: String?, force: Bool, reason: String?) async throws -> SyncResult {
        let owner = try await withCopySession(project: path, as: who) { c, me, link in
            guard ["lead", "adjudicator"].contains(me.role) else {
                throw TeamError.needsRole(action: "close a round", roles: ["lead", "adjudicator"], user: me.handle)
            }
            let local = try LocalProject(path: path)
            var pushed = SyncResult()
            try await push(c, from: local, me: me, result: &pushed)
            try local.release()
            guard let state = try await rounds(c).first(where: { $0.name == name }) else { throw TeamError.unknownRound(name) }
            if state.status == "closed" {
                throw TeamError.roundAlreadyClosed(round: name, at: state.closedAt.map(isoString) ?? "?", by: state.closedBy ?? "?")
            }
            let unfinished = state.progress.filter { $0.finished < $0.assigned }
                .map { "\($0.coder): \($0.finished) of \($0.assigned) units finished" }
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if force {
                guard let reason, !reason.isEmpty else { throw TeamError.forceNeedsReason }
            } else if !unfinished.isEmpty {
                throw TeamError.roundUnfinished(round: name, progress: unfinished)
            }
            try await c.transaction("close round \(name)") { c in
                try await c.run("""
                    UPDATE team_round SET status = 'closed', closed_at = now(), closed_by = \(me.handle), close_reason = \(reason)
                    WHERE name = \(name) AND status = 'open'
                    """, "close round \(name)")
                try await audit(c, round: name, action: "round-close",
                                detail: ["forced": force && !unfinished.isEmpty ? "yes" : "no", "reason": reason ?? "", "unfinished": unfinished.joined(separator: "; ")])
            }
            return link.handle
        }
        return try await sync(project: path, as: owner)
    }

    /// What the server knows and what this copy still has to send.
    public static func status(project path: String, as who: String?) async throws -> Status {
        try await withCopySession(project: path, as: who) { c, me, link in
            let schema = try await c.run("SELECT name FROM dossier_migration ORDER BY applied_at, name", "read the schema").map { try $0.decode(String.self) }
            let states = try await rounds(c)
            let tls = try await c.run("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl", "read the session's encryption")
                .first.map { try $0.decode(String?.self) } ?? nil
            let local = try LocalProject(path: path)
            var unsent: [String] = []
            for (round, packet) in try local.ownPackets(me.handle) where states.first(where: { $0.name == round })?.status == "open" {
                let hash = try packetHash(packet)
                let rows = try await c.run("SELECT 1 FROM team_work WHERE round = \(round) AND coder = \(me.handle) AND content_hash = \(hash)", "compare work")
                if rows.isEmpty { unsent.append(round) }
            }
            return Status(server: c.endpoint.description, handle: me.handle, role: me.role, schema: schema,
                          publishedVersion: try await latestVersion(c), copyVersion: link.snapshotVersion, lastSync: link.lastSync,
                          rounds: states, unsent: unsent, tls: tls)
        }
    }

    /// What a working copy lacks against its team server, as lines for people, for the commands
    /// that read the copy itself (`code list`, `reconcile`, `classify`, `report`, the exports,
    /// `adjudicate`): the copy owner's work not sent yet, a newer publication, and rounds closed on
    /// the server but still open here (their work comes in with the next sync). Empty when the copy
    /// is in step. Reads only, here and on the server; nothing of anyone else's work is named.
    public static func lag(project path: String, timeout: Int64 = 3) async throws -> [String] {
        try await withCopySession(project: path, as: nil, timeout: timeout) { c, me, link in
            var lines: [String] = []
            let states = try await rounds(c)
            let local = try LocalProject(readingAt: path)
            for (round, packet) in try local.ownPackets(me.handle) {
                guard let state = states.first(where: { $0.name == round }) else { continue }
                let hash = try packetHash(packet)
                let there = try await c.run("SELECT content_hash, finished FROM team_work WHERE round = \(round) AND coder = \(me.handle)",
                                            "compare your work in \(round)")
                let (serverHash, serverFinished) = try there.first.map { try $0.decode((String, Int32).self) } ?? ("", Int32(0))
                if serverHash == hash { continue }
                guard state.status == "open" else {
                    lines.append("round \(round) is closed on the team server: your changes there since it closed stay in this copy and are not in anyone's figures")
                    continue
                }
                var sent: [String: Bool] = [:]
                for row in try await c.run("SELECT key, retracted_at IS NOT NULL FROM team_coding WHERE round = \(round) AND coder = \(me.handle)",
                                           "compare your codings in \(round)") {
                    let (key, withdrawn) = try row.decode((String, Bool).self)
                    sent[key] = withdrawn
                }
                let codings = try local.codingRows(round: round, coder: me.handle).filter { sent[$0.key] != ($0.retractedAt != nil) }.count
                var parts: [String] = []
                if codings > 0 { parts.append("\(codings) coding\(codings == 1 ? "" : "s") (or withdrawals)") }
                if packet.done.count != Int(serverFinished) {
                    parts.append("\(packet.done.count) finished unit\(packet.done.count == 1 ? "" : "s") (the server has \(serverFinished))")
                }
                let what = parts.isEmpty ? "changes of yours (notes)" : parts.joined(separator: " and ") + " of yours"
                lines.append("round \(round): \(what) not yet sent to the team server; run `dossier team sync`")
            }
            let latest = try await latestVersion(c)
            if latest > link.snapshotVersion {
                lines.append("the lead published version \(latest) of the project; this copy is built from version \(link.snapshotVersion): run `dossier team sync` to rebuild it")
            }
            let rounds = RoundStore(database: local.database)
            for state in states where state.status == "closed" {
                guard let here = try? rounds.round(state.name), here.isOpen else { continue }
                lines.append("round \(state.name) was closed on the team server by \(state.closedBy ?? "?") on \(state.closedAt.map(isoString) ?? "?") and is still open in this copy: run `dossier team sync` to close it here and bring in the work you may then see")
            }
            return lines
        }
    }

    // MARK: Internals

    /// A session on the server a working copy is linked to, as `who` (default: the copy's owner):
    /// the schema checked, the member looked up, and the connection closed whatever `body` does.
    static func withCopySession<T: Sendable>(project path: String, as who: String?, timeout: Int64 = 10,
                                             _ body: (TeamConnection, Member, TeamLink) async throws -> T) async throws -> T {
        let link = try TeamLink.read(forProject: path)
        return try await TeamConnection.with(try TeamEndpoint.parse(link.server), as: who ?? link.handle, timeout: timeout) { c in
            try await TeamSchema.check(c)
            return try await body(c, try await member(c), link)
        }
    }

    struct Member { var handle: String; var role: String }

    static func member(_ c: TeamConnection) async throws -> Member {
        let rows = try await c.run("SELECT handle, role FROM team_member WHERE pg_role = session_user", "look up your membership")
        guard let row = rows.first else { throw TeamError.notAMember(user: c.user, database: c.endpoint.database) }
        let (handle, role) = try row.decode((String, String).self)
        return Member(handle: handle, role: role)
    }

    static func ensureMember(_ c: TeamConnection, handle: String, role: String, pgRole: String) async throws -> Bool {
        guard pgRole.range(of: #"^[A-Za-z_][A-Za-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
            throw TeamError.invalidHandle(pgRole)
        }
        let exists = try await !c.run("SELECT 1 FROM pg_roles WHERE rolname = \(pgRole)", "look up role \(pgRole)").isEmpty
        if !exists {
            try await c.run(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(pgRole)\" LOGIN"), "create the role \(pgRole)")
        }
        try await c.run(PostgresQuery(unsafeSQL: "GRANT \(TeamSchema.memberGroup) TO \"\(pgRole)\""), "give \(pgRole) the team's grants")
        try await c.run("""
            INSERT INTO team_member (handle, pg_role, role) VALUES (\(handle), \(pgRole), \(role))
            ON CONFLICT (handle) DO NOTHING
            """, "add member \(handle)")
        return !exists
    }

    static func publish(_ c: TeamConnection, local: LocalProject, path: String) async throws -> PublishResult {
        let snapshot = try ProjectSnapshot.make(projectAt: path)
        let rounds = try local.roundsToPublish()
        let assignments = try local.assignmentCounts()
        return try await c.transaction("publish the project") { c in
            var isNew = false
            var version: Int
            let inserted = try await c.run("""
                INSERT INTO team_snapshot (content_hash, corpus_fingerprint, documents, passages, bytes)
                VALUES (\(snapshot.contentHash), \(snapshot.corpusFingerprint), \(snapshot.documents), \(snapshot.passages), \(snapshot.bytes))
                ON CONFLICT (content_hash) DO NOTHING RETURNING version
                """, "publish the corpus")
            if let row = inserted.first {
                version = try row.decode(Int.self)
                isNew = true
            } else {
                version = try await c.run("SELECT version FROM team_snapshot WHERE content_hash = \(snapshot.contentHash)", "read the snapshot")[0].decode(Int.self)
            }
            for round in rounds {
                try await c.run("""
                    INSERT INTO team_round (name, purpose, blind, status) VALUES (\(round.name), \(round.purpose.rawValue), \(round.blind), \(round.status))
                    ON CONFLICT (name) DO NOTHING
                    """, "publish round \(round.name)")
            }
            for a in assignments {
                try await c.run("""
                    INSERT INTO team_assignment (round, coder, units) VALUES (\(a.round), \(a.coder), \(a.units))
                    ON CONFLICT (round, coder) DO UPDATE SET units = EXCLUDED.units
                    """, "publish \(a.coder)'s assignment in \(a.round)")
            }
            if isNew {
                try await audit(c, round: nil, action: "publish",
                                detail: ["version": "\(version)", "documents": "\(snapshot.documents)", "passages": "\(snapshot.passages)"])
            }
            return PublishResult(version: version, isNew: isNew, documents: snapshot.documents, passages: snapshot.passages, rounds: rounds.count)
        }
    }

    static func latestVersion(_ c: TeamConnection) async throws -> Int {
        try await c.run("SELECT coalesce(max(version), 0) FROM team_snapshot", "read the published version")[0].decode(Int.self)
    }

    static func latestSnapshot(_ c: TeamConnection) async throws -> (Int, Data) {
        let rows = try await c.run("SELECT version, bytes FROM team_snapshot ORDER BY version DESC LIMIT 1", "download the corpus")
        guard let row = rows.first else { throw TeamError.nothingPublished(database: c.endpoint.database) }
        let (version, bytes) = try row.decode((Int, Data).self)
        return (version, bytes)
    }

    static func rounds(_ c: TeamConnection) async throws -> [RoundState] {
        var states: [RoundState] = []
        for row in try await c.run("SELECT name, purpose, blind, status, closed_at, closed_by FROM team_round ORDER BY name", "read the rounds") {
            let (name, purpose, blind, status, closedAt, closedBy) = try row.decode((String, String, Bool, String, Date?, String?).self)
            var progress: [RoundProgress] = []
            for p in try await c.run("SELECT coder, assigned, finished, last_push FROM dossier_round_progress(\(name))", "read progress in \(name)") {
                let (coder, assigned, finished, last) = try p.decode((String, Int32, Int32, Date?).self)
                progress.append(RoundProgress(coder: coder, assigned: Int(assigned), finished: Int(finished), lastPush: last))
            }
            states.append(RoundState(name: name, purpose: purpose, blind: blind, status: status, closedAt: closedAt, closedBy: closedBy, progress: progress))
        }
        return states
    }

    /// The packet's identity: its content without the moment it was exported, in an order that
    /// does not depend on the copy (a copy rebuilt from the server stores the same codings in
    /// another order, and must not send them again).
    static func packetHash(_ packet: CoderPacket) throws -> String {
        var stable = packet
        stable.exportedAt = Date(timeIntervalSince1970: 0)
        func key(_ u: CoderPacket.Unit) -> String { [u.document, u.anchor, u.caseId].joined(separator: "\u{1F}") }
        func span(_ s: Int?, _ e: Int?) -> String { "\(s.map(String.init) ?? "")-\(e.map(String.init) ?? "")" }
        // Times to the second, as the packet's JSON carries them (a rebuilt copy knows no more).
        func second(_ d: Date) -> Int64 { Int64(d.timeIntervalSince1970.rounded(.down)) }
        stable.codings.sort { (key($0.unit), $0.criterion, span($0.spanStart, $0.spanEnd), second($0.createdAt))
            < (key($1.unit), $1.criterion, span($1.spanStart, $1.spanEnd), second($1.createdAt)) }
        stable.done.sort { key($0) < key($1) }
        stable.notes?.sort { (key($0.unit), $0.note, second($0.createdAt)) < (key($1.unit), $1.note, second($1.createdAt)) }
        return ContentHash.sha256Hex(try LocalProject.encode(stable))
    }

    static func push(_ c: TeamConnection, from local: LocalProject, me: Member, result: inout SyncResult) async throws {
        var open: [String: Bool] = [:]
        for row in try await c.run("SELECT name, status = 'open' FROM team_round", "read the rounds") {
            let (name, isOpen) = try row.decode((String, Bool).self)
            open[name] = isOpen
        }
        for (round, packet) in try local.ownPackets(me.handle) {
            guard let isOpen = open[round] else { continue }   // a round the lead has not published yet
            let hash = try packetHash(packet)
            let known = try await !c.run("SELECT 1 FROM team_work WHERE round = \(round) AND coder = \(me.handle) AND content_hash = \(hash)",
                                         "compare your work in \(round)").isEmpty
            if known { result.pushed.append((round, packet.codings.count, packet.done.count, false)); continue }
            guard isOpen else { result.notSent.append(round); continue }
            // Only codings the server lacks, or whose withdrawal it has not heard of, travel.
            var sent: [String: Bool] = [:]
            for row in try await c.run("SELECT key, retracted_at IS NOT NULL FROM team_coding WHERE round = \(round) AND coder = \(me.handle)",
                                       "compare your codings in \(round)") {
                let (key, withdrawn) = try row.decode((String, Bool).self)
                sent[key] = withdrawn
            }
            let changed = try local.codingRows(round: round, coder: me.handle).filter { sent[$0.key] != ($0.retractedAt != nil) }
            let json = String(decoding: try LocalProject.encode(packet), as: UTF8.self)
            let lastActivity = try local.lastActivity(round: round, coder: me.handle)
            try await c.transaction("send your work in \(round)") { c in
                try await c.run("""
                    INSERT INTO team_work (round, coder, content_hash, packet, codings, finished, last_activity)
                    VALUES (\(round), \(me.handle), \(hash), \(json)::jsonb, \(packet.codings.count), \(packet.done.count), \(lastActivity))
                    ON CONFLICT (round, coder) DO UPDATE SET content_hash = EXCLUDED.content_hash, packet = EXCLUDED.packet,
                        codings = EXCLUDED.codings, finished = EXCLUDED.finished, pushed_at = now(),
                        last_activity = EXCLUDED.last_activity
                    """, "send your work in \(round)")
                for r in changed {
                    try await c.run("""
                        INSERT INTO team_coding (key, round, coder, document, anchor, case_id, criterion, direction,
                                                 span_start, span_end, quote, note, created_at, retracted_at)
                        VALUES (\(r.key), \(round), \(me.handle), \(r.document), \(r.anchor), \(r.caseId), \(r.criterion), \(r.direction),
                                \(r.spanStart), \(r.spanEnd), \(r.quote), \(r.note), \(r.createdAt), \(r.retractedAt))
                        ON CONFLICT (key) DO UPDATE SET retracted_at = EXCLUDED.retracted_at
                        """, "send a coding in \(round)")
                }
                try await audit(c, round: round, action: "push",
                                detail: ["codings": "\(packet.codings.count)", "finished": "\(packet.done.count)",
                                         "retractions": "\(packet.retractions?.count ?? 0)", "changed_rows": "\(changed.count)", "packet": hash])
            }
            result.pushed.append((round, packet.codings.count, packet.done.count, true))
        }
        guard me.role == "adjudicator" else { return }
        for (round, csv) in try local.ownDecisions(me.handle) where open[round] != nil {
            let hash = ContentHashing.sha256(csv)
            let known = try await !c.run("SELECT 1 FROM team_decision WHERE round = \(round) AND adjudicator = \(me.handle) AND content_hash = \(hash)",
                                         "compare your decisions in \(round)").isEmpty
            if known { result.decisionsSent.append((round, false)); continue }
            try await c.transaction("send your decisions in \(round)") { c in
                try await c.run("""
                    INSERT INTO team_decision (round, adjudicator, content_hash, decisions) VALUES (\(round), \(me.handle), \(hash), \(csv))
                    ON CONFLICT (round, adjudicator) DO UPDATE SET content_hash = EXCLUDED.content_hash, decisions = EXCLUDED.decisions,
                        pushed_at = now(), pushed_by = session_user
                    """, "send your decisions in \(round)")
                try await audit(c, round: round, action: "decisions", detail: ["hash": hash])
            }
            result.decisionsSent.append((round, true))
        }
    }

    /// Other adjudicators' decisions the server lets this person see (leads and adjudicators, in
    /// closed rounds), recorded in the copy after its rounds are closed as the server's are.
    static func pullDecisions(_ c: TeamConnection, into local: LocalProject, me: Member, includeOwn: Bool, result: inout SyncResult) async throws {
        for row in try await c.run("SELECT round, adjudicator, decisions FROM team_decision ORDER BY round, adjudicator", "bring back decisions") {
            let (round, adjudicator, csv) = try row.decode((String, String, String).self)
            if adjudicator == me.handle && !includeOwn { continue }
            let recorded = try local.importDecisions(csv)
            if recorded > 0 { result.decisionsPulled.append((round, adjudicator, recorded)) }
        }
    }

    static func pull(_ c: TeamConnection, into local: LocalProject, me: Member, includeOwn: Bool, result: inout SyncResult) async throws {
        let rows = try await c.run("""
            SELECT round, coder, packet::text FROM team_work ORDER BY round, coder
            """, "bring back the work you may see")
        for row in rows {
            let (round, coder, json) = try row.decode((String, String, String).self)
            if coder == me.handle && !includeOwn { continue }
            let packet = try LocalProject.decode(Data(json.utf8), what: "\(coder)'s work in \(round) on the team server")
            let merged = try local.merge(packet, viewer: me.handle)
            if merged.added > 0 || merged.retracted > 0 || coder != me.handle {
                result.pulled.append((round, coder, merged.added, merged.retracted))
            }
        }
    }

    /// Rounds closed on the server are closed in the copy too, saying by whom and when.
    static func closeLocally(_ c: TeamConnection, local: LocalProject, me: Member, result: inout SyncResult) async throws {
        for state in try await rounds(c) where state.status == "closed" {
            if try local.closeIfOpen(state.name, by: state.closedBy ?? me.handle,
                                     reason: "closed on the team server by \(state.closedBy ?? "?") on \(state.closedAt.map(isoString) ?? "?")") {
                result.closedHere.append(state.name)
            }
        }
    }

    static func audit(_ c: TeamConnection, round: String?, action: String, detail: [String: String]) async throws {
        let data = try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])
        let json = String(decoding: data, as: UTF8.self)
        try await c.run("""
            INSERT INTO team_audit (handle, round, action, detail) VALUES (dossier_handle(), \(round), \(action), \(json)::jsonb)
            """, "log \(action)")
    }

    static func isoString(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
