import Codebook
import Foundation
import GRDB

/// Mentions of the register's actors, found once by the commands that change what `mentions` would
/// print (a register load or edit, an import) and stored, so that `mentions` and `assign` read them
/// instead of matching every candidate passage again.
///
/// The live search (``MentionFinder/liveMentions(ofActor:)``) stays the definition: stored rows are
/// used only when they are known to be what it would print. What they were made from is stored
/// beside them and compared at every read:
/// - per actor (`mention_actor`), the register entry they were made for (id, name and aliases,
///   ``ActorMentionQuery/aliasKey``) and the generation of rows that is current;
/// - per actor, generation and import batch (`mention_coverage`), a stamp of the glossaries of the
///   batch's volumes (`glossary_volume_version`, kept by triggers on every glossary change), which
///   FRUS link mentions depend on.
/// A read finds them current when the key matches and every batch that has current documents is
/// covered with the stamp its volumes have now; otherwise it searches live. Rows are stored for
/// every passage of a covered batch, current or not, and filtered on `is_current` when read, so
/// retiring, restoring or superseding a document needs no recomputation. A batch's rows depend only
/// on its own passages, links and its volumes' glossaries, so they are computed batch by batch, each
/// written in its own short transaction.
public struct MentionStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// What a refresh did.
    public struct RefreshSummary: Sendable, Equatable {
        /// Actors whose mentions were computed anew (register entry new or changed).
        public var actorsRecomputed = 0
        /// (actor, batch) pairs computed.
        public var batchesComputed = 0
        /// Rows written.
        public var rows = 0
    }

    // MARK: Reading

    /// The stored mentions of the query's actor in current documents, or nil when they are not
    /// current (or the project has none stored): the caller then searches live.
    func stored(_ query: ActorMentionQuery) throws -> [Mention]? {
        try database.writer.read { db -> [Mention]? in
            guard try db.tableExists("mention_actor") else { return nil }
            guard let state = try Row.fetchOne(db, sql: "SELECT alias_key, generation FROM mention_actor WHERE actor_id = ?",
                                               arguments: [query.actor.id]),
                  (state["alias_key"] as String) == query.aliasKey else { return nil }
            let generation: Int64 = state["generation"]
            guard try Self.staleBatches(actorId: query.actor.id, generation: generation, currentOnly: true, db).isEmpty else {
                return nil
            }
            var found: [Mention] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.passage_id, m.document_id, m.kind, m.alias, m.start, m."end", m.text FROM actor_mention m
                JOIN document d ON d.id = m.document_id
                WHERE m.actor_id = ? AND m.generation = ? AND d.is_current = 1
                ORDER BY m.passage_id, m.start
                """, arguments: [query.actor.id, generation])
            while let row = try rows.next() {
                let start: Int = row[4]
                found.append(Mention(passageId: row[0], documentId: row[1], kind: row[2], actorId: query.actor.id,
                                     alias: row[3], start: start < 0 ? nil : start, end: row[5], text: row[6]))
            }
            return found
        }
    }

    /// Whether the stored mentions of an actor (id) are current, for tests and `check`-like callers.
    public func isCurrent(actorId: String) throws -> Bool {
        let register = try RegisterStore(database: database).register()
        guard let actor = register.actors.first(where: { $0.id == actorId }) else { return false }
        let query = ActorMentionQuery(actor: actor)
        return try database.writer.read { db in
            guard try db.tableExists("mention_actor"),
                  let state = try Row.fetchOne(db, sql: "SELECT alias_key, generation FROM mention_actor WHERE actor_id = ?",
                                               arguments: [actor.id]),
                  (state["alias_key"] as String) == query.aliasKey else { return false }
            return try Self.staleBatches(actorId: actor.id, generation: state["generation"], currentOnly: true, db).isEmpty
        }
    }

    /// The glossary stamp of a batch: the versions of its volumes' glossaries, summed (versions only
    /// grow, so any glossary change of one of its volumes changes the sum).
    static let batchStampSQL = """
        (SELECT COALESCE(SUM(g.version), 0) FROM glossary_volume_version g
         WHERE g.volume_id IN (SELECT volume_id FROM document WHERE batch_id = b.id))
        """

    /// Published batches whose stored rows for (actor, generation) are missing or were made under
    /// another glossary stamp, with their stamp now. `currentOnly`: only batches that have current
    /// documents (the others cannot change what is read).
    static func staleBatches(actorId: String, generation: Int64, currentOnly: Bool, _ db: Database) throws -> [(id: Int64, stamp: Int64)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.id, \(batchStampSQL) AS stamp, c.stamp AS covered FROM import_batch b
            LEFT JOIN mention_coverage c ON c.actor_id = ? AND c.generation = ? AND c.batch_id = b.id
            WHERE b.finished_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM document d WHERE d.batch_id = b.id\(currentOnly ? " AND d.is_current = 1" : ""))
            ORDER BY b.id
            """, arguments: [actorId, generation])
        return rows.compactMap { row in
            let stamp: Int64 = row["stamp"]
            let covered: Int64? = row["covered"]
            return covered == stamp ? nil : (row["id"], stamp)
        }
    }

    // MARK: Computing

    /// Brings the stored mentions up to date with the register and the published batches: an actor
    /// that is new or whose name or aliases changed gets a new generation of rows, computed batch
    /// by batch and made current in one short transaction at the end (until then readers search
    /// live: the previous generation no longer matches the register); an actor whose rows are current except for some batches
    /// (imported since, or a glossary of theirs changed) gets those batches recomputed, each batch
    /// replaced in one transaction. Older generations are deleted afterwards, in chunks.
    @discardableResult
    public func refresh() throws -> RefreshSummary {
        var summary = RefreshSummary()
        guard !database.isReadOnly else { return summary }
        let register = try RegisterStore(database: database).register()
        guard !register.actors.isEmpty else { return summary }
        let queries = register.actors.map(ActorMentionQuery.init(actor:))

        // What each actor needs: a new generation over every batch, or some batches of its current one.
        struct Work { var query: ActorMentionQuery; var generation: Int64; var fresh: Bool }
        var plan: [Int64: [(work: Int, stamp: Int64)]] = [:]  // batch → (work index, stamp)
        var works: [Work] = []
        let (states, batches, coverage) = try database.writer.read { db in
            let states = try Dictionary(Row.fetchAll(db, sql: "SELECT actor_id, alias_key, generation FROM mention_actor").map {
                ($0[0] as String, (key: $0[1] as String, generation: $0[2] as Int64))
            }, uniquingKeysWith: { a, _ in a })
            let batches = try Row.fetchAll(db, sql: """
                SELECT b.id, \(Self.batchStampSQL) FROM import_batch b
                WHERE b.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM document d WHERE d.batch_id = b.id) ORDER BY b.id
                """).map { (id: $0[0] as Int64, stamp: $0[1] as Int64) }
            var coverage: [String: Int64] = [:]  // actor \u{1F} generation \u{1F} batch → stamp
            for row in try Row.fetchAll(db, sql: "SELECT actor_id, generation, batch_id, stamp FROM mention_coverage") {
                coverage["\(row[0] as String)\u{1F}\(row[1] as Int64)\u{1F}\(row[2] as Int64)"] = row[3]
            }
            return (states, batches, coverage)
        }
        let freshCount = queries.filter { states[$0.actor.id]?.key != $0.aliasKey }.count
        var nextGeneration: Int64 = 0
        if freshCount > 0 {
            nextGeneration = try database.writer.write { db in
                try db.execute(sql: "UPDATE mention_sequence SET next = next + ?", arguments: [freshCount])
                return try Int64.fetchOne(db, sql: "SELECT next FROM mention_sequence")! - Int64(freshCount) + 1
            }
        }
        for query in queries {
            let state = states[query.actor.id]
            let fresh = state?.key != query.aliasKey
            let generation: Int64
            if fresh {
                generation = nextGeneration
                nextGeneration += 1
            } else {
                generation = state!.generation
            }
            let stale = batches.filter { coverage["\(query.actor.id)\u{1F}\(generation)\u{1F}\($0.id)"] != $0.stamp }
            guard fresh || !stale.isEmpty else { continue }
            works.append(Work(query: query, generation: generation, fresh: fresh))
            for batch in stale { plan[batch.id, default: []].append((works.count - 1, batch.stamp)) }
        }
        if works.isEmpty { return summary }

        for batchId in plan.keys.sorted() {
            let items = plan[batchId]!
            let computed = try database.writer.read { db in
                let source = try BatchSource(batchId: batchId, db: db)
                return try items.map { item in
                    (item, try source.rows(for: works[item.work].query, db: db))
                }
            }
            try database.writer.write { db in
                for (item, rows) in computed {
                    let work = works[item.work]
                    try db.execute(sql: """
                        DELETE FROM actor_mention WHERE actor_id = ? AND generation = ?
                          AND document_id IN (SELECT id FROM document WHERE batch_id = ?)
                        """, arguments: [work.query.actor.id, work.generation, batchId])
                    try Self.insert(rows, actorId: work.query.actor.id, generation: work.generation, db)
                    try db.execute(sql: """
                        INSERT INTO mention_coverage (actor_id, generation, batch_id, stamp) VALUES (?, ?, ?, ?)
                        ON CONFLICT(actor_id, generation, batch_id) DO UPDATE SET stamp = excluded.stamp
                        """, arguments: [work.query.actor.id, work.generation, batchId, item.stamp])
                    summary.rows += rows.count
                    summary.batchesComputed += 1
                }
            }
        }

        // Make the new generations current, unless the register changed meanwhile (then the next
        // refresh starts again) or a newer generation got there first.
        try database.writer.write { db in
            for work in works where work.fresh {
                guard let definition = try String.fetchOne(db, sql: "SELECT definition FROM actor WHERE id = ?",
                                                           arguments: [work.query.actor.id]),
                      let actor = try? JSONDecoder().decode(Actor.self, from: Data(definition.utf8)),
                      ActorMentionQuery(actor: actor).aliasKey == work.query.aliasKey else { continue }
                try db.execute(sql: """
                    INSERT INTO mention_actor (actor_id, alias_key, generation) VALUES (?, ?, ?)
                    ON CONFLICT(actor_id) DO UPDATE SET alias_key = excluded.alias_key, generation = excluded.generation
                    WHERE excluded.generation > mention_actor.generation
                    """, arguments: [work.query.actor.id, work.query.aliasKey, work.generation])
                summary.actorsRecomputed += 1
            }
        }
        for work in works where work.fresh { try deleteOldGenerations(of: work.query.actor.id) }
        return summary
    }

    /// Deletes an actor's rows and coverage of generations older than its current one (never a
    /// newer one: a refresh in another process may be building it), a few thousand rows per
    /// transaction, through the primary key's (actor, generation) prefix.
    func deleteOldGenerations(of actorId: String) throws {
        let current = "(SELECT generation FROM mention_actor WHERE actor_id = ?1)"
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM mention_coverage WHERE actor_id = ?1 AND generation < \(current)", arguments: [actorId])
        }
        while try database.writer.write({ db -> Bool in
            try db.execute(sql: """
                DELETE FROM actor_mention WHERE rowid IN (
                    SELECT rowid FROM actor_mention WHERE actor_id = ?1 AND generation < \(current) LIMIT 5000)
                """, arguments: [actorId])
            return db.changesCount > 0
        }) {}
    }

    static func insert(_ rows: [StoredRow], actorId: String, generation: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO actor_mention (actor_id, generation, passage_id, start, "end", document_id, kind, alias, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            try statement.execute(arguments: [actorId, generation, row.passageId, row.start ?? -1, row.end,
                                              row.documentId, row.kind, row.alias, row.text])
        }
    }

    /// One stored mention (`start` nil for a link mention).
    struct StoredRow {
        var passageId: Int64, documentId: Int64, kind: String, alias: String, start: Int?, end: Int?, text: String
    }
}

extension MentionStore {
    /// One import batch as the mention search sees it: its passage id range, its links, and the
    /// glossary entries of its volumes in table order (or as a file about to be published will
    /// leave them, see ``withGlossary(volume:entries:db:)``).
    struct BatchSource {
        var batchId: Int64
        var passages: ClosedRange<Int64>?
        /// The batch's links in table (rowid) order.
        var links: [(passageId: Int64, documentId: Int64, kind: String, volume: String, ref: String, surface: String)]
        /// Glossary entries of the batch's volumes, by volume, in table order: ref, folded search
        /// form, label + " " + description.
        var glossary: [String: [(ref: String, folded: String, label: String)]]

        init(batchId: Int64, db: Database) throws {
            self.batchId = batchId
            let range = try Row.fetchOne(db, sql: """
                SELECT MIN(p.id), MAX(p.id) FROM passage p WHERE p.document_id IN (SELECT id FROM document WHERE batch_id = ?)
                """, arguments: [batchId])
            if let lo = range?[0] as Int64?, let hi = range?[1] as Int64? { passages = lo...hi }
            links = []
            glossary = [:]
            guard let passages else { return }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT l.passage_id, p.document_id, p.kind, d.volume_id, l.ref, l.surface FROM passage_link l
                JOIN passage p ON p.id = l.passage_id JOIN document d ON d.id = p.document_id
                WHERE l.passage_id BETWEEN ? AND ? AND d.batch_id = ? AND d.volume_id IS NOT NULL
                ORDER BY l.rowid
                """, arguments: [passages.lowerBound, passages.upperBound, batchId])
            var linked: [String: Set<String>] = [:]
            while let row = try rows.next() {
                let volume: String = row[3], ref: String = row[4]
                linked[volume, default: []].insert(ref)
                links.append((row[0], row[1], row[2], volume, ref, row[5]))
            }
            // Only entries some link of the batch points at can make a link mention in it.
            for (volume, refs) in linked {
                glossary[volume] = try Row.fetchAll(db, sql: """
                    SELECT ref, folded, label, description FROM glossary_entry WHERE volume_id = ? ORDER BY rowid
                    """, arguments: [volume]).compactMap { row -> (String, String, String)? in
                    let ref: String = row[0]
                    guard refs.contains(ref) else { return nil }
                    return (ref, row[1] ?? "", (row[2] as String? ?? "") + " " + (row[3] as String? ?? ""))
                }
            }
        }

        /// SQLite's `instr(text, key) > 0` (the live search's prefilter): byte containment of UTF-8.
        static func bytes(of text: String, contain key: String) -> Bool {
            var text = text, key = key
            return text.withUTF8 { t in
                key.withUTF8 { k in
                    guard k.count <= t.count else { return false }
                    guard k.count > 0 else { return true }
                    let first = k[0], last = t.count - k.count
                    var i = 0
                    while i <= last {
                        if t[i] == first {
                            var j = 1
                            while j < k.count && t[i + j] == k[j] { j += 1 }
                            if j == k.count { return true }
                        }
                        i += 1
                    }
                    return false
                }
            }
        }

        /// The batch's mentions of one actor, exactly as the live search finds them in its passages.
        func rows(for query: ActorMentionQuery, db: Database) throws -> [MentionStore.StoredRow] {
            guard let ftsQuery = query.ftsQuery, let passages else { return [] }
            var found: [MentionStore.StoredRow] = []
            var seen = Set<Int64>()
            let candidates = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.document_id, p.kind, p.text FROM passage_fts
                JOIN passage p ON p.id = passage_fts.rowid JOIN document d ON d.id = p.document_id
                WHERE passage_fts MATCH ? AND passage_fts.rowid BETWEEN ? AND ? AND d.batch_id = ?
                ORDER BY passage_fts.rowid
                """, arguments: [ftsQuery, passages.lowerBound, passages.upperBound, batchId])
            while let row = try candidates.next() {
                let text: String = row[3]
                let matches = query.matcher.matches(in: text)
                guard !matches.isEmpty else { continue }
                let id: Int64 = row[0], documentId: Int64 = row[1], kind: String = row[2]
                for m in matches {
                    found.append(.init(passageId: id, documentId: documentId, kind: kind, alias: m.alias,
                                       start: m.start, end: m.end, text: m.text))
                }
                seen.insert(id)
            }
            // Link mentions, as the live search lists them: entries naming the actor in table order,
            // each entry's links in table order, one per passage (the first), none in a passage that
            // names the actor in its text.
            let keys = query.glossaryKeys
            guard !keys.isEmpty, !links.isEmpty else { return found }
            var position: [String: Int] = [:]  // volume \u{1F} ref → position among confirmed entries
            for (volume, entries) in glossary {
                for (index, entry) in entries.enumerated()
                where keys.contains(where: { Self.bytes(of: entry.folded, contain: $0) }) && !query.matcher.matches(in: entry.label).isEmpty {
                    position["\(volume)\u{1F}\(entry.ref)"] = index
                }
            }
            guard !position.isEmpty else { return found }
            var chosen: [Int64: (position: Int, link: Int)] = [:]
            for (index, link) in links.enumerated() where !seen.contains(link.passageId) {
                guard let p = position["\(link.volume)\u{1F}\(link.ref)"] else { continue }
                if let current = chosen[link.passageId], current.position <= p { continue }
                chosen[link.passageId] = (p, index)
            }
            for (_, choice) in chosen {
                let link = links[choice.link]
                found.append(.init(passageId: link.passageId, documentId: link.documentId, kind: link.kind, alias: link.ref,
                                   start: nil, end: nil, text: link.surface))
            }
            return found
        }
    }
}
