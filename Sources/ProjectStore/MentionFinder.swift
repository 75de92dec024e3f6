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

    /// Mentions of one actor (by id or by any of its aliases) in current documents.
    public func mentions(ofActor reference: String) throws -> [Mention] {
        let register = try RegisterStore(database: database).register()
        let folded = reference.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard let actor = register.actors.first(where: { a in
            a.id == reference || ([a.name] + a.aliases).contains {
                AliasMatcher.Alias(actorID: a.id, pattern: $0).name
                    .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == folded
            }
        }) else {
            throw StoreError.notFound(kind: "actor", id: reference)
        }
        let aliases = ([actor.name] + actor.aliases).map { AliasMatcher.Alias(actorID: actor.id, pattern: $0) }
        let matcher = AliasMatcher(aliases: aliases)
        // Prefilter with FTS on each alias's words; the matcher then applies the exact boundary rules.
        let terms = Set(([actor.name] + actor.aliases).map { alias in
            let words = AliasMatcher.Alias(actorID: actor.id, pattern: alias).name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return "\"" + words.joined(separator: " ").replacingOccurrences(of: "\"", with: "") + "\"" + (alias.hasSuffix("*") ? "*" : "")
        }).filter { $0 != "\"\"" }
        guard !terms.isEmpty else { return [] }
        let query = terms.sorted().joined(separator: " OR ")
        return try database.writer.read { db in
            var found: [Mention] = []
            var seen = Set<Int64>()
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.document_id, p.kind, p.text FROM passage_fts
                JOIN passage p ON p.id = passage_fts.rowid JOIN document d ON d.id = p.document_id
                WHERE passage_fts MATCH ? AND d.is_current = 1 ORDER BY p.id
                """, arguments: [query])
            for row in rows {
                let text: String = row["text"]
                for m in matcher.matches(in: text) {
                    found.append(Mention(passageId: row["id"], documentId: row["document_id"], kind: row["kind"],
                                         actorId: actor.id, alias: m.alias, start: m.start, end: m.end, text: m.text))
                    seen.insert(row["id"])
                }
            }
            // FRUS links whose resolved person or term names the actor (e.g. a gloss "ROK" = "Republic of Korea").
            // The glossary entries naming the actor are narrowed in SQL on their stored search form,
            // confirmed by the matcher, and only then are their links looked up (by ref, indexed).
            let keys = Array(Set(aliases.map(AliasMatcher.searchForm(of:)))).filter { !$0.isEmpty }.sorted()
            let entries = keys.isEmpty ? [] : try Row.fetchAll(db, sql: """
                SELECT volume_id, ref, label, description FROM glossary_entry
                WHERE \(keys.map { _ in "instr(folded, ?) > 0" }.joined(separator: " OR "))
                """, arguments: StatementArguments(keys))
            let links = try db.cachedStatement(sql: """
                SELECT p.id, p.document_id, p.kind, l.surface FROM passage_link l
                JOIN passage p ON p.id = l.passage_id JOIN document d ON d.id = p.document_id
                WHERE l.ref = ? AND d.volume_id = ? AND d.is_current = 1
                """)
            for entry in entries {
                let label = (entry["label"] as String? ?? "") + " " + (entry["description"] as String? ?? "")
                guard !matcher.matches(in: label).isEmpty else { continue }
                let ref: String = entry["ref"]
                for row in try Row.fetchAll(links, arguments: [ref, entry["volume_id"] as String]) where !seen.contains(row["id"]) {
                    found.append(Mention(passageId: row["id"], documentId: row["document_id"], kind: row["kind"],
                                         actorId: actor.id, alias: ref, start: nil, end: nil, text: row["surface"]))
                    seen.insert(row["id"])
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
