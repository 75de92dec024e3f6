import Codebook
import Foundation
import GRDB

/// Finds passages that name an actor by any alias (word boundary, case- and diacritic-insensitive,
/// see `AliasMatcher`), and passages whose FRUS `persName`/`gloss` links resolve to a name that does.
public struct MentionFinder: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Mentions of one actor (by id or by any of its aliases) in current documents: the rows stored
    /// for the register and corpus as they are now (see `MentionStore`) when they are current,
    /// otherwise found now (``liveMentions(ofActor:)``), which defines the output.
    public func mentions(ofActor reference: String) throws -> [Mention] {
        let actor = try Self.actor(reference, in: try RegisterStore(database: database).register())
        let query = ActorMentionQuery(actor: actor)
        if let stored = try MentionStore(database: database).stored(query) { return stored }
        return try live(query)
    }

    /// Mentions of one actor found now from the passages, glossaries and links (never the stored rows).
    public func liveMentions(ofActor reference: String) throws -> [Mention] {
        try live(ActorMentionQuery(actor: try Self.actor(reference, in: try RegisterStore(database: database).register())))
    }

    /// The actor named by an id or any of its aliases.
    static func actor(_ reference: String, in register: Register) throws -> Actor {
        let folded = reference.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard let actor = register.actors.first(where: { a in
            a.id == reference || ([a.name] + a.aliases).contains {
                AliasMatcher.Alias(actorID: a.id, pattern: $0).name
                    .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == folded
            }
        }) else {
            throw StoreError.notFound(kind: "actor", id: reference)
        }
        return actor
    }

    private func live(_ q: ActorMentionQuery) throws -> [Mention] {
        let actor = q.actor
        let matcher = q.matcher
        guard let query = q.ftsQuery else { return [] }
        return try database.writer.read { db in
            var found: [Mention] = []
            var seen = Set<Int64>()
            // Read one row at a time (a common name's candidates hold tens of megabytes of text),
            // in the full-text index's own order (an ORDER BY on the passage id sorted them all in
            // a temporary b-tree first).
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.document_id, p.kind, p.text FROM passage_fts
                JOIN passage p ON p.id = passage_fts.rowid JOIN document d ON d.id = p.document_id
                WHERE passage_fts MATCH ? AND d.is_current = 1 ORDER BY passage_fts.rowid
                """, arguments: [query])
            while let row = try rows.next() {
                let text: String = row[3]
                let matches = matcher.matches(in: text)
                guard !matches.isEmpty else { continue }
                let id: Int64 = row[0], documentId: Int64 = row[1], kind: String = row[2]
                for m in matches {
                    found.append(Mention(passageId: id, documentId: documentId, kind: kind,
                                         actorId: actor.id, alias: m.alias, start: m.start, end: m.end, text: m.text))
                }
                seen.insert(id)
            }
            // FRUS links whose resolved person or term names the actor (e.g. a gloss "ROK" = "Republic of Korea").
            // The glossary entries naming the actor are narrowed in SQL on their stored search form,
            // confirmed by the matcher, and only then are their links looked up (by ref, indexed).
            // In the table's order (rowid): a passage linked to two entries naming the actor is
            // listed under the earlier one (`MentionStore` relies on this order).
            let keys = q.glossaryKeys
            let entries = keys.isEmpty ? [] : try Row.fetchAll(db, sql: """
                SELECT volume_id, ref, label, description FROM glossary_entry
                WHERE \(keys.map { _ in "instr(folded, ?) > 0" }.joined(separator: " OR ")) ORDER BY rowid
                """, arguments: StatementArguments(keys))
            // The links of every confirmed entry in one query (a ref such as `p12` recurs in every
            // volume, so one query per entry read each ref's links in all volumes again), then
            // taken entry by entry, each entry's links in the order of their rows.
            var confirmed: [(volume: String, ref: String)] = []
            for entry in entries {
                let label = (entry["label"] as String? ?? "") + " " + (entry["description"] as String? ?? "")
                guard !matcher.matches(in: label).isEmpty else { continue }
                confirmed.append((entry["volume_id"], entry["ref"]))
            }
            let refs = Set(confirmed.map(\.ref))
            let wanted = Set(confirmed.map { "\($0.volume)\u{1F}\($0.ref)" })
            var linked: [String: [(id: Int64, documentId: Int64, kind: String, surface: String)]] = [:]
            if !refs.isEmpty {
                let list = String(decoding: try JSONEncoder().encode(refs.sorted()), as: UTF8.self)
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT p.id, p.document_id, p.kind, l.surface, l.ref, d.volume_id FROM passage_link l
                    JOIN passage p ON p.id = l.passage_id JOIN document d ON d.id = p.document_id
                    WHERE l.ref IN (SELECT value FROM json_each(?)) AND d.is_current = 1
                    ORDER BY l.rowid
                    """, arguments: [list])
                while let row = try rows.next() {
                    guard let volume = row[5] as String? else { continue }
                    let key = "\(volume)\u{1F}\(row[4] as String)"
                    guard wanted.contains(key) else { continue }
                    linked[key, default: []].append((row[0], row[1], row[2], row[3]))
                }
            }
            for (volume, ref) in confirmed {
                for link in linked["\(volume)\u{1F}\(ref)"] ?? [] where !seen.contains(link.id) {
                    found.append(Mention(passageId: link.id, documentId: link.documentId, kind: link.kind,
                                         actorId: actor.id, alias: ref, start: nil, end: nil, text: link.surface))
                    seen.insert(link.id)
                }
            }
            return found.sorted { ($0.passageId, $0.start ?? -1) < ($1.passageId, $1.start ?? -1) }
        }
    }

    /// Mentions of a case's recipient.
    public func mentions(ofCase caseId: String) throws -> [Mention] {
        let recipient = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT recipient_id FROM coalition_case WHERE id = ?", arguments: [caseId])
        }
        guard let recipient else { throw CodingError.unknownCase(caseId) }
        return try mentions(ofActor: recipient)
    }
}
