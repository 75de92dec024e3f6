import ArchiveIngest
import Foundation
import GRDB
import ProjectStore

/// The working copy on this machine, as the team layer needs it: what to publish, the person's
/// own work as packets, and merging what the server sends back. Everything goes through
/// ProjectStore's stores, so the copy's access rules apply as they do to any command.
final class LocalProject {
    let database: ProjectDatabase

    init(path: String) throws {
        database = try ProjectDatabase.open(path: path)
    }

    /// The copy opened for reading only (commands that read never change the file's bytes).
    init(readingAt path: String) throws {
        database = try ProjectDatabase.openForReading(path: path)
    }

    /// Writes everything into the main file and closes it, so that the file can be moved or
    /// replaced on its own (a project's recent writes live in its `-wal` file until a checkpoint).
    func release() throws {
        try database.writer.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
        try database.writer.close()
    }

    func coders() throws -> [CoderRecord] { try CodingStore(database: database).coders() }

    func roundsToPublish() throws -> [RoundRecord] { try RoundStore(database: database).rounds() }

    func assignmentCounts() throws -> [(round: String, coder: String, units: Int)] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name, a.coder, count(*) AS units FROM assignment a JOIN coding_round r ON r.id = a.round_id
                GROUP BY r.name, a.coder ORDER BY r.name, a.coder
                """).map { ($0["name"], $0["coder"], $0["units"]) }
        }
    }

    /// The person's own work in every round they are assigned to or have coded in.
    func ownPackets(_ handle: String) throws -> [(round: String, packet: CoderPacket)] {
        let rounds = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT r.name FROM coding_round r
                WHERE r.id IN (SELECT round_id FROM assignment WHERE coder = ?1 UNION SELECT round_id FROM coding WHERE coder = ?1)
                ORDER BY r.name
                """, arguments: [handle])
        }
        let store = PacketStore(database: database)
        return try rounds.map { ($0, try store.export(coder: handle, round: $0, as: Viewer(handle))) }
    }

    /// The coder's latest logged event in `round` here, as `round status` reads `last_activity` in a project file.
    func lastActivity(round: String, coder: String) throws -> Date? {
        try database.writer.read { db in
            try Date.fetchOne(db, sql: """
                SELECT MAX(e.at) FROM audit_event e JOIN coding_round r ON r.id = e.round_id WHERE r.name = ? AND e.who = ?
                """, arguments: [round, coder])
        }
    }

    /// The decisions `adjudicator` recorded, per round, as the CSV `adjudicate --import` reads:
    /// their standing (latest) decision per unit and criterion, passages named by document identity
    /// and anchor so that any copy resolves them.
    func ownDecisions(_ adjudicator: String) throws -> [(round: String, csv: String)] {
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name AS round, d.identity, p.anchor, a.case_id, a.criterion_id, a.present, a.direction, a.rationale, a.override_reason
                FROM adjudication a JOIN coding_round r ON r.id = a.round_id
                JOIN passage p ON p.id = a.passage_id JOIN document d ON d.id = p.document_id
                WHERE a.adjudicator = ?1 AND a.id IN (SELECT MAX(id) FROM adjudication WHERE adjudicator = ?1
                                                      GROUP BY round_id, passage_id, case_id, criterion_id)
                ORDER BY r.name, a.id
                """, arguments: [adjudicator])
        }
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var byRound: [(round: String, csv: String)] = []
        for row in rows {
            let round: String = row["round"]
            let present: Bool = row["present"]
            let value = !present ? "no" : ((row["direction"] as String?) == "contradicts" ? "contradicts" : "yes")
            let line = [round, row["identity"], row["anchor"], row["case_id"], row["criterion_id"], value, row["rationale"] as String? ?? "",
                        adjudicator, row["override_reason"] as String? ?? ""].map(field).joined(separator: ",")
            if byRound.last?.round == round { byRound[byRound.count - 1].csv += line + "\n" }
            else { byRound.append((round, "round,document,anchor,case,criterion,present,rationale,adjudicator,override_reason\n" + line + "\n")) }
        }
        return byRound
    }

    /// Records another adjudicator's decisions from the server (their CSV); decisions already
    /// standing are not recorded again. Returns how many were recorded.
    func importDecisions(_ csv: String) throws -> Int {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-decisions-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try AdjudicationStore(database: database).importDecisions(file).recorded
    }

    struct CodingRow: Sendable {
        var key: String
        var document: String
        var anchor: String
        var caseId: String
        var criterion: String
        var direction: String
        var spanStart: Int?
        var spanEnd: Int?
        var quote: String?
        var note: String?
        var createdAt: Date
        var retractedAt: Date?
    }

    /// One row per coding (live or withdrawn) of `coder` in `round`, keyed by what identifies it
    /// across copies (round, coder, unit, criterion, span, the second it was made).
    func codingRows(round: String, coder: String) throws -> [CodingRow] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.identity, p.anchor, c.case_id, c.criterion_id, c.direction, c.span_start, c.span_end, c.quote, c.note,
                       c.created_at, c.retracted_at
                FROM coding c JOIN coding_round r ON r.id = c.round_id
                JOIN passage p ON p.id = c.passage_id JOIN document d ON d.id = p.document_id
                WHERE r.name = ? AND c.coder = ? ORDER BY c.id
                """, arguments: [round, coder]).map { row in
                let created: Date = row["created_at"]
                let parts: [String] = [round, coder, row["identity"], row["anchor"], row["case_id"], row["criterion_id"],
                                       (row["span_start"] as Int?).map(String.init) ?? "", (row["span_end"] as Int?).map(String.init) ?? "",
                                       // Whole seconds: a packet carries times to the second, and a copy rebuilt
                                       // from packets must name the same coding with the same key.
                                       String(Int64(created.timeIntervalSince1970.rounded(.down)))]
                return CodingRow(key: ContentHashing.sha256(parts.joined(separator: "\u{1F}")), document: row["identity"], anchor: row["anchor"],
                                 caseId: row["case_id"], criterion: row["criterion_id"], direction: row["direction"],
                                 spanStart: row["span_start"], spanEnd: row["span_end"], quote: row["quote"], note: row["note"],
                                 createdAt: created, retractedAt: row["retracted_at"])
            }
        }
    }

    /// Merges work from the server; where the copy and the server disagree, the server's packet is
    /// the coder's latest word (it is what they sent last).
    func merge(_ packet: CoderPacket, viewer: String) throws -> PacketStore.MergeResult {
        try PacketStore(database: database).merge(packet, file: "the team server", prefer: .packet, as: Viewer(viewer))
    }

    /// Closes `round` here if it is still open; true when it did.
    func closeIfOpen(_ round: String, by who: String, reason: String) throws -> Bool {
        let store = RoundStore(database: database)
        guard let local = try? store.round(round), local.isOpen else { return false }
        _ = try store.closeRound(round, by: who, force: true, reason: reason)
        return true
    }

    /// Packets as stored on the server: the JSON of `packet export` files.
    static func encode(_ packet: CoderPacket) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(packet)
    }

    static func decode(_ data: Data, what: String) throws -> CoderPacket {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(CoderPacket.self, from: data) }
        catch { throw TeamError.server(action: "read \(what)", message: "it is not a Dossier packet (\(error.localizedDescription))") }
    }
}

/// SHA-256 in hex, for keys that identify the same coding in every copy.
enum ContentHashing {
    static func sha256(_ text: String) -> String {
        ContentHash.sha256Hex(Data(text.utf8))
    }
}
