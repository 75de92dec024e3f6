import CSV
import Codebook
import Foundation
import GRDB

/// Imports codings from a CSV file, all or nothing: every row is checked, every problem is reported
/// as `file:row:column: message` (row 1 is the header), and nothing is written unless all rows pass.
/// What passes is staged in short write transactions under a ``CodingBatch`` no reader sees, and one
/// short transaction makes all of it visible at once, so a coder's write never waits long for the
/// lock and no reader ever sees part of a file.
///
/// Columns (header names, any order; the first four and `case` are required):
/// - `coder`, `round`: handles and round name;
/// - `passage`: a passage id, or else `document` plus `anchor`: the document as its id, its identity
///   (`frus:VOLUME/DOCID`), `VOLUME/DOCID`, or the file name it was imported from, and the passage's
///   anchor as shown by `dossier documents show`;
/// - `case`: the case id; `criterion`: a criterion id of the round's codebook (empty with `done=yes`
///   marks a unit finished with nothing tagged);
/// - optional `span_start`, `span_end` (Unicode characters within the passage, end exclusive),
///   `note`, `test`, `direction` (supports, the default, or contradicts), `attributes`
///   (`amount=500000;currency=USD`), and `done` (yes/no): `yes` marks
///   the unit finished once all rows are in, so every untagged criterion counts as absent.
/// Re-importing the same file adds nothing: a coding identical to an existing one is skipped.
public struct CodingCSVImporter: Sendable {
    public let store: CodingStore

    /// Runs between the check and the publishing write; tests use it to write what a coder would
    /// write meanwhile.
    var beforePublish: (@Sendable () throws -> Void)?

    /// Runs after each staging transaction has committed; tests use it to read the project while
    /// a batch is staged and unpublished, and to write meanwhile.
    var afterStagingTransaction: (@Sendable () throws -> Void)?

    public init(store: CodingStore) {
        self.store = store
    }

    public struct Result: Sendable {
        public var added: Int
        public var skipped: Int
        public var unitsDone: Int
    }

    static let known: Set<String> = ["coder", "round", "passage", "document", "anchor", "case", "criterion",
                                     "span_start", "span_end", "note", "test", "attributes", "done", "direction"]

    /// Imports the file. With a `viewer` (the CLI always passes one), each row's `coder` must be
    /// someone the viewer may enter work for: themselves, or anyone when the viewer is a lead or
    /// adjudicator (a file a coder sent them). Nobody in particular (no `--as`) is trusted as
    /// `code add --coder` is, except in an open blind round (see ``AccessPolicy``). Without a
    /// viewer, rows are trusted (the library's own sample project).
    public func importFile(_ url: URL, as viewer: Viewer? = nil) throws -> Result {
        let path = url.path
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CodingImportError(problems: ["\(path): cannot read the file as UTF-8 text."])
        }
        // Fields are read trimmed of spaces and tabs. The reader trims every field through
        // Foundation (a fifth of a large import); in a file without quotes its result is the
        // same as reading untrimmed and trimming the few fields that start or end with a space,
        // a tab or a non-ASCII character (which may be a Unicode space).
        let quoted = text.utf8.contains(UInt8(ascii: "\""))
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: quoted) } catch {
            throw CodingImportError(problems: ["\(path):1: \(error)"])
        }
        func trimmed(_ fields: [String]) -> [String] {
            guard !quoted else { return fields }
            return fields.map { field in
                guard let first = field.utf8.first, let last = field.utf8.last else { return field }
                func mayBeSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte >= 0x80 }
                return mayBeSpace(first) || mayBeSpace(last) ? field.trimmingCharacters(in: .whitespaces) : field
            }
        }
        let header = (reader.headerRow ?? []).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        var problems: [String] = []
        for (i, name) in header.enumerated() where !Self.known.contains(name) {
            problems.append("\(path):1:\(i + 1): unknown column '\(name)'; known columns: \(Self.known.sorted().joined(separator: ", ")).")
        }
        for required in ["coder", "round", "case"] where !header.contains(required) {
            problems.append("\(path):1: missing the required column '\(required)'.")
        }
        if !header.contains("passage") && !(header.contains("document") && header.contains("anchor")) {
            problems.append("\(path):1: give either a 'passage' column or 'document' and 'anchor' columns.")
        }
        guard problems.isEmpty else { throw CodingImportError(problems: problems) }
        var rows: [(Int, [String: String])] = []
        var rowNumber = 1
        while let untrimmed = reader.next() {
            let row = trimmed(untrimmed)
            rowNumber += 1
            if row.allSatisfy({ $0.isEmpty }) { continue }
            if row.count != header.count {
                problems.append("\(path):\(rowNumber): expected \(header.count) fields as in the header, found \(row.count).")
                continue
            }
            rows.append((rowNumber, Dictionary(uniqueKeysWithValues: zip(header, row))))
        }
        if let error = reader.error {
            problems.append("\(path):\(rowNumber + 1): \(error)")
        }
        guard problems.isEmpty else { throw CodingImportError(problems: problems) }
        guard !rows.isEmpty else { throw CodingImportError(problems: ["\(path): no data rows."]) }

        let origin = "csv:\(url.lastPathComponent)"
        let writer = store.database.writer
        // Rows a `code import` that died left staged are removed before this one stages its own.
        try CodingBatch.recoverAbandoned(in: writer)
        // Check every row in a read transaction (a snapshot; nothing is written and no writer
        // waits for it), then stage what passed in short write transactions under a batch nobody
        // sees, and publish it in one short transaction. If something the check relied on changes
        // meanwhile (see `Snapshot.conflicts`), what was staged is discarded and the file is
        // checked again; after a few such rounds it is checked and written in one transaction,
        // which nothing can interleave with.
        var attempt = 0
        while true {
            attempt += 1
            let checked = try writer.read { db -> (Result, LookupCache, Snapshot) in
                let snapshot = try Snapshot(db)
                let cache = LookupCache()
                cache.defersWrites = true
                let result = try check(rows, header: header, path: path, origin: origin, viewer: viewer, db, cache: cache)
                return (result, cache, snapshot)
            }
            let (result, cache, snapshot) = checked
            if attempt == 1 { try beforePublish?() }
            if attempt > Self.stagedAttempts {
                return try writer.write { db in
                    if try snapshot.conflicts(with: cache, db) {
                        return try check(rows, header: header, path: path, origin: origin, viewer: viewer, db, cache: LookupCache())
                    }
                    try publishInOneTransaction(cache, db)
                    return result
                }
            }
            if try stageAndPublish(cache, snapshot: snapshot, path: path) { return result }
        }
    }

    /// How many times a file is checked, staged and found overtaken by a conflicting write before
    /// it is checked and written in one transaction instead.
    static let stagedAttempts = 3

    /// How long a staging transaction goes on inserting (wall clock), so a coder's write waiting
    /// for the lock gets it well within 250 ms (see ``ArchiveImporter/transactionBudget``).
    static let transactionBudget: TimeInterval = 0.04

    /// Microseconds between two staging transactions: a gap in which a waiting coder's write
    /// (retrying every 2 ms, see `ProjectDatabase`) takes the lock.
    static let pauseBetweenTransactions: useconds_t = 5_000

    /// Stages the checked codings and finished units (with their audit events) under a new coding
    /// batch in short transactions, then publishes the batch in one short transaction. Returns
    /// false, leaving nothing staged, when a write made since the check could change its outcome.
    private func stageAndPublish(_ cache: LookupCache, snapshot: Snapshot, path: String) throws -> Bool {
        let writer = store.database.writer
        var snapshot = snapshot
        var batch: Int64?
        var nextCoding = 0, nextDone = 0
        let codings = cache.pendingCodings, done = cache.pendingDone
        let budget = UInt64(Self.transactionBudget * 1e9)
        var details: [String: String] = [:]
        do {
            var pause = false
            while nextCoding < codings.count || nextDone < done.count {
                if pause { usleep(Self.pauseBetweenTransactions) }
                pause = true
                let started = DispatchTime.now().uptimeNanoseconds
                func young() -> Bool { DispatchTime.now().uptimeNanoseconds - started < budget }
                let conflict = try writer.write { db -> Bool in
                    if try snapshot.conflicts(with: cache, db) { return true }
                    let batchId = try batch ?? CodingBatch.begin(path: path, db)
                    batch = batchId
                    snapshot.ownBatch = batchId
                    var first: Int64?, last: Int64 = 0
                    while nextCoding < codings.count {
                        var record = codings[nextCoding]
                        try store.insertPrepared(&record, at: cache.nowValue, batch: batchId, db)
                        first = first ?? record.id
                        last = record.id!
                        nextCoding += 1
                        if nextCoding % 128 == 0 && !young() { break }
                    }
                    if let first {
                        // Inserted in one transaction, the ids are consecutive; one statement logs them all.
                        try AuditLog.recordCodingAdds(db, codingIds: first...last, at: cache.nowValue)
                    }
                    if nextCoding == codings.count {
                        // The same rows and events `CodingStore.markDone` writes, in the batch.
                        let insertDone = try db.cachedStatement(sql: """
                            INSERT INTO unit_done_store (round_id, coder, passage_id, case_id, done_at, batch_id) VALUES (?, ?, ?, ?, ?, ?)
                            """)
                        let logDone = try db.cachedStatement(sql: """
                            INSERT INTO audit_event_store (at, who, action, entity, entity_id, round_id, detail, previous, batch_id)
                            VALUES (?, ?, 'unit.done', 'unit', ?, ?, ?, NULL, ?)
                            """)
                        while nextDone < done.count {
                            let unit = done[nextDone]
                            try insertDone.execute(arguments: [unit.roundId, unit.coder, unit.unit.passageId, unit.unit.caseId, cache.nowValue, batchId])
                            let detail = try details[unit.origin]
                                ?? String(decoding: cache.encoder.encode(["origin": unit.origin]), as: UTF8.self)
                            details[unit.origin] = detail
                            try logDone.execute(arguments: [cache.nowValue, unit.coder, "\(unit.unit.passageId)/\(unit.unit.caseId)",
                                                            unit.roundId, detail, batchId])
                            nextDone += 1
                            if nextDone % 128 == 0 && !young() { break }
                        }
                    }
                    // The events after this one are other writers' (or this batch's next ones).
                    try snapshot.advance(db)
                    return false
                }
                if conflict {
                    if let batch { try CodingBatch.discard(batch, in: writer) }
                    return false
                }
                try afterStagingTransaction?()
            }
            if pause { usleep(Self.pauseBetweenTransactions) }
            let published = try writer.write { db -> Bool in
                if try snapshot.conflicts(with: cache, db) { return false }
                for (roundId, subject) in cache.claimedSubjects.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "UPDATE coding_round SET subject = ? WHERE id = ? AND subject IS NULL", arguments: [subject, roundId])
                }
                if let batch {
                    try CodingBatch.publish(batch, codings: codings.count, unitsDone: done.count, at: cache.nowValue, db)
                }
                return true
            }
            if !published, let batch { try CodingBatch.discard(batch, in: writer) }
            return published
        } catch {
            if let batch { try? CodingBatch.discard(batch, in: writer) }
            throw error
        }
    }

    /// Writes what a checking pass left in `cache` in the current transaction, visible at once:
    /// subjects claimed by rounds, the codings and their audit events, then the finished units and
    /// theirs (the order a single pass writes them).
    private func publishInOneTransaction(_ cache: LookupCache, _ db: Database) throws {
        for (roundId, subject) in cache.claimedSubjects.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "UPDATE coding_round SET subject = ? WHERE id = ? AND subject IS NULL", arguments: [subject, roundId])
        }
        var first: Int64?, last: Int64 = 0
        for var record in cache.pendingCodings {
            try store.insertPrepared(&record, at: cache.nowValue, db)
            first = first ?? record.id
            last = record.id!
        }
        if let first {
            try AuditLog.recordCodingAdds(db, codingIds: first...last, at: cache.nowValue)
        }
        let insertDone = try db.cachedStatement(sql: "INSERT INTO unit_done_store (round_id, coder, passage_id, case_id, done_at) VALUES (?, ?, ?, ?, ?)")
        for done in cache.pendingDone {
            try insertDone.execute(arguments: [done.roundId, done.coder, done.unit.passageId, done.unit.caseId, cache.nowValue])
            try AuditLog.record(db, who: done.coder, action: "unit.done", entity: "unit", id: "\(done.unit.passageId)/\(done.unit.caseId)",
                                roundId: done.roundId, detail: ["origin": done.origin], encoder: cache.encoder, at: cache.nowValue)
        }
    }

    /// What a checking pass read: the last audit event and the rounds it used. Every change a row's
    /// check depends on (a coding added or retracted, a unit finished or reopened, an assignment, a
    /// round closed, a codebook or register loaded) is written with an audit event.
    struct Snapshot {
        /// The last event stored when the check read the project (or when this import last wrote).
        var lastEvent: Int64
        /// The last coding batch then, and those not yet published: a batch published later may
        /// make events visible whose ids are below `lastEvent`.
        var lastBatch: Int64
        var unpublishedBatches: [Int64]

        init(_ db: Database) throws {
            // The first read of the transaction: it fixes the snapshot the whole check sees.
            // Events are counted in the storage table: the hidden ones of a batch still staging
            // are covered by `unpublishedBatches`.
            lastEvent = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit_event_store") ?? 0
            lastBatch = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM coding_batch") ?? 0
            unpublishedBatches = try Int64.fetchAll(db, sql: "SELECT id FROM coding_batch WHERE published_at IS NULL")
        }

        /// This import's own batch, once it has begun staging.
        var ownBatch: Int64?

        /// Moves past the events this import has just written in the current transaction (the
        /// last ones stored), so the next check reads only what others wrote after them.
        mutating func advance(_ db: Database) throws {
            lastEvent = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit_event_store") ?? lastEvent
        }

        /// True when something written since the snapshot could change a row's check: an event in
        /// a round the file codes, other than another coder's coding, finished unit or note (the
        /// common case: coders at work beside the import), or a project-wide change other than a
        /// new coder or a document restored; or a round's record itself changed.
        func conflicts(with cache: LookupCache, _ db: Database) throws -> Bool {
            let rounds = cache.rounds.values.compactMap(\.id)
            let coders = Set(cache.pendingCodings.map(\.coder) + cache.pendingDone.map(\.coder) + cache.coders.keys)
            // Another import published since: its events may lie anywhere in the log; check again.
            let published = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM coding_batch WHERE published_at IS NOT NULL AND id <> ?
                               AND (id > ? OR id IN (\(unpublishedBatches.map(String.init).joined(separator: ",")))))
                """, arguments: [ownBatch ?? 0, lastBatch]) ?? false
            if published { return true }
            let events = try Row.fetchAll(db, sql: "SELECT who, action, round_id FROM audit_event WHERE id > ?", arguments: [lastEvent])
            for event in events {
                let who: String = event["who"], action: String = event["action"]
                if let round: Int64 = event["round_id"] {
                    guard rounds.contains(round) else { continue }
                    if ["coding.add", "unit.done", "unit.note", "unit.note.retract"].contains(action) && !coders.contains(who) { continue }
                    return true
                }
                if ["coder.add", "document.restore", "publish", "push", "case.coverage"].contains(action) { continue }
                return true
            }
            for round in cache.rounds.values {
                guard let now = try RoundRecord.fetchOne(db, key: round.id) else { return true }
                let claimed = cache.claimedSubjects[round.id!]
                if now.isOpen != round.isOpen || now.blind != round.blind || now.codebookVersionId != round.codebookVersionId
                    || (now.subject ?? claimed) != round.subject {
                    return true
                }
            }
            return false
        }
    }

    /// Checks every row and, unless the cache defers writes, writes it; every problem found is
    /// thrown together as a ``CodingImportError``.
    private func check(_ rows: [(Int, [String: String])], header: [String], path: String, origin: String,
                       viewer: Viewer?, _ db: Database, cache: LookupCache) throws -> Result {
        var problems: [String] = []
        var result = Result(added: 0, skipped: 0, unitsDone: 0)
        var done: [(Int, String, String, CodingUnit)] = []
        var checked: Set<String> = [], refused: Set<String> = []
        for (n, row) in rows {
            func fail(_ column: String, _ message: String) {
                let col = (header.firstIndex(of: column) ?? 0) + 1
                problems.append("\(path):\(n):\(col): \(message)")
            }
            let coder = row["coder"] ?? "", round = row["round"] ?? "", caseId = row["case"] ?? ""
            if let viewer, checked.insert("\(coder)\u{1F}\(round)").inserted,
               let record = try RoundRecord.filter(Column("name") == round).fetchOne(db) {
                do { try AccessPolicy.requireMayEnter(for: coder, in: record, viewer: viewer, db) } catch {
                    fail("coder", describe(error))
                    refused.insert("\(coder)\u{1F}\(round)")
                }
            }
            if refused.contains("\(coder)\u{1F}\(round)") { continue }
            guard let passageId = PassageReference.resolve(row, db, fail) else { continue }
            let unit = CodingUnit(passageId: passageId, caseId: caseId)
            let criterion = row["criterion"] ?? ""
            var marksDone = false
            if let d = row["done"], !d.isEmpty {
                switch d.lowercased() {
                case "yes", "y", "true", "1": marksDone = true
                case "no", "n", "false", "0": break
                default: fail("done", "done must be yes or no, not '\(d)'.")
                }
            }
            if marksDone { done.append((n, coder, round, unit)) }
            if criterion.isEmpty {
                if !marksDone {
                    fail("criterion", "empty criterion: give a criterion id, or done=yes to mark the unit finished with nothing tagged.")
                } else {
                    do { _ = try store.validate(coder: coder, round: round, unit: unit, db, cache: cache) } catch {
                        fail(column(for: error), describe(error))
                    }
                }
                continue
            }
            var span: Range<Int>?
            let s = row["span_start"] ?? "", e = row["span_end"] ?? ""
            if !s.isEmpty || !e.isEmpty {
                guard let a = Int(s), let b = Int(e) else {
                    fail(s.isEmpty || Int(s) == nil ? "span_start" : "span_end", "span_start and span_end must both be whole numbers.")
                    continue
                }
                guard a < b else { fail("span_start", "span_start \(a) must be less than span_end \(b)."); continue }
                span = a..<b
            }
            var attributes: [String: String] = [:]
            for pair in (row["attributes"] ?? "").split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, !kv[0].isEmpty else { fail("attributes", "write attributes as name=value;name=value, not '\(pair)'."); continue }
                attributes[kv[0]] = kv[1]
            }
            var direction = EvidenceDirection.supports
            if let text = row["direction"], !text.isEmpty {
                guard let parsed = EvidenceDirection(text: text) else {
                    fail("direction", "direction must be supports or contradicts, not '\(text)'.")
                    continue
                }
                direction = parsed
            }
            let new = CodingStore.NewCoding(coder: coder, round: round, unit: unit, criterion: criterion, span: span,
                                            note: row["note"].flatMap { $0.isEmpty ? nil : $0 },
                                            test: row["test"].flatMap { $0.isEmpty ? nil : $0 },
                                            attributes: attributes, origin: origin, direction: direction)
            do {
                _ = try store.add(new, db, cache: cache)
                result.added += 1
            } catch CodingError.duplicate {
                result.skipped += 1
            } catch {
                fail(column(for: error), describe(error))
            }
        }
        if problems.isEmpty {
            for (n, coder, round, unit) in done {
                do {
                    if try store.markDone(coder: coder, round: round, unit: unit, origin: origin, db, cache: cache) {
                        result.unitsDone += 1
                    }
                } catch {
                    problems.append("\(path):\(n): \(describe(error))")
                }
            }
        }
        if !problems.isEmpty { throw CodingImportError(problems: problems) }
        return result
    }

    private func column(for error: Error) -> String {
        switch error as? CodingError {
        case .unknownCoder, .invalidHandle: return "coder"
        case .unknownRound, .roundClosed: return "round"
        case .unknownPassage: return "passage"
        case .unknownCase, .notAssigned: return "case"
        case .unknownCriterion, .duplicate: return "criterion"
        case .spanOutsidePassage: return "span_start"
        default: return "attributes"
        }
    }

    private func describe(_ error: Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
}

/// Every problem found in a coding CSV; nothing was imported.
public struct CodingImportError: Error, LocalizedError, Equatable {
    public var problems: [String]
    public var errorDescription: String? {
        problems.joined(separator: "\n") + "\n\(problems.count) problem(s); nothing was imported."
    }
}
