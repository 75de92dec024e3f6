import ArchiveIngest
import Codebook
import Foundation
import GRDB

/// Exports a coder's work as a ``CoderPacket`` and merges packets back, idempotently.
public struct PacketStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// The coder's own codings and finished units in a round (never another coder's), with the
    /// fingerprints of every document the coder's assigned or coded units come from.
    /// While the round is blind and open, only the coder themselves may export their packet.
    public func export(coder: String, round name: String, as viewer: Viewer) throws -> CoderPacket {
        try database.writer.read { db in
            let store = CodingStore(database: database)
            let round = try store.round(name, db)
            _ = try store.coder(coder, db)
            try AccessPolicy.requireWork(of: coder, in: round, for: viewer, db)
            let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
            func unit(_ passageId: Int64, _ caseId: String) throws -> CoderPacket.Unit {
                let row = try Row.fetchOne(db, sql: """
                    SELECT d.identity, p.anchor FROM passage p JOIN document d ON d.id = p.document_id WHERE p.id = ?
                    """, arguments: [passageId])!
                return CoderPacket.Unit(document: row["identity"], anchor: row["anchor"], caseId: caseId)
            }
            let codings = try CodingRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder && Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
                .map { c in
                    CoderPacket.Coding(unit: try unit(c.passageId, c.caseId), criterion: c.criterionId, spanStart: c.spanStart,
                                       spanEnd: c.spanEnd, quote: c.quote, note: c.note, test: c.test,
                                       attributes: c.attributes, createdAt: c.createdAt,
                                       direction: c.direction == .supports ? nil : c.direction)
                }
            let done = try Row.fetchAll(db, sql: "SELECT passage_id, case_id FROM unit_done WHERE round_id = ? AND coder = ? ORDER BY passage_id, case_id",
                                        arguments: [round.id, coder]).map { try unit($0["passage_id"], $0["case_id"]) }
            let retractions = try CodingRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder && Column("retracted_at") != nil)
                .order(Column("id")).fetchAll(db)
                .map { c in
                    CoderPacket.Retraction(unit: try unit(c.passageId, c.caseId), criterion: c.criterionId, spanStart: c.spanStart,
                                           spanEnd: c.spanEnd, retractedAt: c.retractedAt!, reason: c.retractionReason)
                }
            let notes = try UnitNoteRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder && Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
                .map { CoderPacket.UnitNote(unit: try unit($0.passageId, $0.caseId), note: $0.note, createdAt: $0.createdAt) }
            let documents = try Row.fetchAll(db, sql: """
                SELECT DISTINCT d.identity, d.content_hash FROM document d JOIN passage p ON p.document_id = d.id
                WHERE p.id IN (SELECT passage_id FROM assignment WHERE round_id = ?1 AND coder = ?2
                               UNION SELECT passage_id FROM coding WHERE round_id = ?1 AND coder = ?2)
                ORDER BY d.identity
                """, arguments: [round.id, coder]).map {
                CoderPacket.DocumentFingerprint(identity: $0["identity"], contentHash: $0["content_hash"])
            }
            return CoderPacket(format: CoderPacket.formatVersion, coder: coder, round: name, codebookId: codebook.codebookId,
                               codebookVersion: codebook.version, codebookHash: codebook.contentHash,
                               corpusFingerprint: Self.fingerprint(documents), documents: documents,
                               codings: codings, done: done, retractions: retractions, notes: notes, exportedAt: Date())
        }
    }

    static func fingerprint(_ documents: [CoderPacket.DocumentFingerprint]) -> String {
        ContentHash.sha256Hex(Data(documents.sorted { $0.identity < $1.identity }
            .map { "\($0.identity)\t\($0.contentHash)\n" }.joined().utf8))
    }

    /// Writes a packet as JSON.
    public static func write(_ packet: CoderPacket, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(packet).write(to: url)
    }

    /// Reads a packet file; anything that is not a Dossier packet is named as such, with what is wrong.
    public static func read(_ url: URL) throws -> CoderPacket {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PacketError.unreadable(file: url.path, reason: "cannot read the file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw PacketError.notAPacket(file: url.path, reason: "it is not JSON")
        }
        guard let header = object as? [String: Any], header["format"] != nil, header["coder"] != nil, header["round"] != nil,
              header["corpus_fingerprint"] != nil else {
            throw PacketError.notAPacket(file: url.path, reason: "it has no packet header (format, coder, round, corpus_fingerprint)")
        }
        if let format = header["format"] as? Int, format > CoderPacket.formatVersion {
            throw PacketError.unsupportedFormat(file: url.path, format: format)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(CoderPacket.self, from: data)
        } catch let error as DecodingError {
            throw PacketError.notAPacket(file: url.path, reason: Self.describe(error))
        } catch {
            throw PacketError.notAPacket(file: url.path, reason: error.localizedDescription)
        }
    }

    /// A decoding failure in a reader's words: which field, and what is wrong with it.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey], _ last: CodingKey? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            let text = all.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue.snakeCased)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "field \(path(context.codingPath, key)) is missing"
        case .typeMismatch(_, let context): return "field \(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): return "field \(path(context.codingPath)) is empty"
        case .dataCorrupted(let context): return "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "unreadable"
        }
    }

    /// What a merge did (or, with `dryRun`, would do).
    public struct MergeResult: Sendable, Equatable {
        public var added: Int
        public var alreadyPresent: Int
        public var unitsDone: Int
        /// Codings withdrawn here because the packet withdrew them (or, with `prefer: .packet`, untagged them).
        public var retracted: Int
        public var notesAdded: Int
        /// Units where the packet and the project disagree, each in a sentence.
        public var conflicts: [String]

        public init(added: Int, alreadyPresent: Int, unitsDone: Int, retracted: Int = 0, notesAdded: Int = 0, conflicts: [String] = []) {
            self.added = added
            self.alreadyPresent = alreadyPresent
            self.unitsDone = unitsDone
            self.retracted = retracted
            self.notesAdded = notesAdded
            self.conflicts = conflicts
        }
    }

    /// Which side wins where the same coder's work in the packet and in the project disagree.
    public enum Preference: String, Sendable, CaseIterable {
        case packet, project
    }

    /// Merges a packet into this project: checks codebook and corpus, then adds the codings, done
    /// marks and notes that are not there yet and applies the packet's retractions, all in one
    /// transaction. Where the coder's work here and in the packet disagree on a finished unit
    /// (tagged on one side, untagged on the other), nothing is stored unless `prefer` says which
    /// side wins. Merging twice changes nothing. With `dryRun`, nothing is written and the result
    /// says what would change.
    public func merge(_ packet: CoderPacket, file: String, prefer: Preference? = nil, dryRun: Bool = false,
                      as viewer: Viewer = .anonymous) throws -> MergeResult {
        guard packet.format <= CoderPacket.formatVersion else {
            throw PacketError.unsupportedFormat(file: file, format: packet.format)
        }
        guard Self.fingerprint(packet.documents) == packet.corpusFingerprint else {
            throw PacketError.fingerprintMismatch(file: file)
        }
        if dryRun {
            return try database.writer.read { db in try plan(packet, file: file, prefer: prefer, viewer: viewer, db).result }
        }
        return try database.writer.write { db in
            let plan = try plan(packet, file: file, prefer: prefer, viewer: viewer, db)
            if !plan.result.conflicts.isEmpty && prefer == nil {
                throw PacketError.conflicts(file: file, coder: packet.coder, conflicts: plan.result.conflicts)
            }
            try apply(plan, packet: packet, file: file, db)
            return plan.result
        }
    }

    /// A tag's identity within a coder's work: unit, criterion and span.
    struct TagKey: Hashable {
        var unit: CodingUnit
        var criterion: String
        var spanStart: Int?
        var spanEnd: Int?
    }

    struct Plan {
        var result = MergeResult(added: 0, alreadyPresent: 0, unitsDone: 0)
        var add: [CoderPacket.Coding] = []
        var addUnits: [CodingUnit] = []
        var retract: [(id: Int64, reason: String)] = []
        var done: [CodingUnit] = []
        var notes: [(CodingUnit, CoderPacket.UnitNote)] = []
    }

    private func plan(_ packet: CoderPacket, file: String, prefer: Preference?, viewer: Viewer, _ db: Database) throws -> Plan {
        let round = try RoundStore.round(packet.round, db)
        try AccessPolicy.requireMayWrite(for: packet.coder, in: round, viewer: viewer, db)
        let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
        guard codebook.codebookId == packet.codebookId, codebook.contentHash == packet.codebookHash else {
            throw PacketError.codebookMismatch(file: file, packet: "\(packet.codebookId) \(packet.codebookVersion)", project: codebook.label)
        }
        var mismatched: [String] = []
        for doc in packet.documents {
            let here = try String.fetchOne(db, sql: "SELECT content_hash FROM document WHERE identity = ? AND is_current = 1",
                                           arguments: [doc.identity])
            if here != doc.contentHash { mismatched.append(doc.identity) }
        }
        guard mismatched.isEmpty else { throw PacketError.corpusMismatch(file: file, documents: mismatched) }
        func passage(_ unit: CoderPacket.Unit) throws -> CodingUnit {
            guard let id = try Int64.fetchOne(db, sql: """
                SELECT p.id FROM passage p JOIN document d ON d.id = p.document_id
                WHERE d.identity = ? AND d.is_current = 1 AND p.anchor = ?
                """, arguments: [unit.document, unit.anchor]) else {
                throw PacketError.corpusMismatch(file: file, documents: ["\(unit.document) \(unit.anchor)"])
            }
            return CodingUnit(passageId: id, caseId: unit.caseId)
        }
        // The coder's work here.
        let hereCodings = try CodingRecord
            .filter(Column("round_id") == round.id! && Column("coder") == packet.coder && Column("retracted_at") == nil)
            .fetchAll(db)
        var hereTags: [TagKey: Int64] = [:]
        for c in hereCodings {
            hereTags[TagKey(unit: CodingUnit(passageId: c.passageId, caseId: c.caseId), criterion: c.criterionId,
                            spanStart: c.spanStart, spanEnd: c.spanEnd)] = c.id!
        }
        let hereDone = Set(try Row.fetchAll(db, sql: "SELECT passage_id, case_id FROM unit_done WHERE round_id = ? AND coder = ?",
                                            arguments: [round.id, packet.coder]).map { CodingUnit(passageId: $0["passage_id"], caseId: $0["case_id"]) })
        // The coder's work in the packet.
        var packetTags: [TagKey: CoderPacket.Coding] = [:]
        var packetOrder: [TagKey: Int] = [:]
        for (i, c) in packet.codings.enumerated() {
            let key = TagKey(unit: try passage(c.unit), criterion: c.criterion, spanStart: c.spanStart, spanEnd: c.spanEnd)
            packetTags[key] = c
            packetOrder[key] = packetOrder[key] ?? i
        }
        let packetDone = Set(try packet.done.map(passage))
        var packetRetracted: [TagKey: CoderPacket.Retraction] = [:]
        for r in packet.retractions ?? [] {
            packetRetracted[TagKey(unit: try passage(r.unit), criterion: r.criterion, spanStart: r.spanStart, spanEnd: r.spanEnd)] = r
        }
        func describe(_ key: TagKey) -> String {
            let span = key.spanStart.map { s in " [\(s):\(key.spanEnd ?? s)]" } ?? ""
            return "passage \(key.unit.passageId) for \(key.unit.caseId), \(key.criterion)\(span)"
        }
        let origin = "packet:\(URL(fileURLWithPath: file).lastPathComponent)"
        var plan = Plan()
        // Tags in the packet, in the packet's order (the order the coder made them), so that a copy
        // built from packets numbers a coder's codings as the coder's own project does.
        for (key, coding) in packetTags.sorted(by: { packetOrder[$0.key]! < packetOrder[$1.key]! }) {
            if hereTags[key] != nil { plan.result.alreadyPresent += 1; continue }
            if hereDone.contains(key.unit) {
                // Finished here without this tag: here says absent, the packet says present.
                plan.result.conflicts.append("\(describe(key)): tagged in the packet, not here (the unit is finished here)")
                if prefer != .packet { continue }
            }
            plan.add.append(coding)
            plan.addUnits.append(key.unit)
            plan.result.added += 1
        }
        plan.result.conflicts.sort()   // listed by unit and criterion, whatever order the packet has
        // Tags here the packet does not have.
        for (key, id) in hereTags.sorted(by: { describe($0.key) < describe($1.key) }) where packetTags[key] == nil {
            if let r = packetRetracted[key] {
                plan.retract.append((id, r.reason.map { "\($0) (\(origin))" } ?? "retracted in \(origin)"))
                plan.result.retracted += 1
            } else if packetDone.contains(key.unit) {
                plan.result.conflicts.append("\(describe(key)): tagged here, not in the packet (the unit is finished in the packet)")
                if prefer == .packet {
                    plan.retract.append((id, "untagged in \(origin), merged with --prefer packet"))
                    plan.result.retracted += 1
                }
            }
        }
        for unit in packetDone.sorted(by: { ($0.passageId, $0.caseId) < ($1.passageId, $1.caseId) }) where !hereDone.contains(unit) {
            plan.done.append(unit)
            plan.result.unitsDone += 1
        }
        let hereNotes = Set(try Row.fetchAll(db, sql: """
            SELECT passage_id, case_id, note FROM unit_note WHERE round_id = ? AND coder = ? AND retracted_at IS NULL
            """, arguments: [round.id, packet.coder]).map { "\($0["passage_id"] as Int64)|\($0["case_id"] as String)|\($0["note"] as String)" })
        for note in packet.notes ?? [] {
            let unit = try passage(note.unit)
            if hereNotes.contains("\(unit.passageId)|\(unit.caseId)|\(note.note)") { continue }
            plan.notes.append((unit, note))
            plan.result.notesAdded += 1
        }
        return plan
    }

    private func apply(_ plan: Plan, packet: CoderPacket, file: String, _ db: Database) throws {
        let store = CodingStore(database: database)
        let origin = "packet:\(URL(fileURLWithPath: file).lastPathComponent)"
        for (id, reason) in plan.retract {
            guard var record = try CodingRecord.filter(Column("id") == id).fetchOne(db) else { continue }
            let previous = record
            record.retractedAt = Date()
            record.retractionReason = reason
            try record.storeRetraction(db)
            try AuditLog.record(db, who: packet.coder, action: "coding.retract", entity: "coding", id: "\(id)",
                                roundId: record.roundId, detail: record, previous: previous)
        }
        for (c, unit) in zip(plan.add, plan.addUnits) {
            let span = c.spanStart.flatMap { s in c.spanEnd.map { s..<$0 } }
            _ = try store.add(.init(coder: packet.coder, round: packet.round, unit: unit, criterion: c.criterion, span: span,
                                    note: c.note, test: c.test, attributes: c.attributes, origin: origin,
                                    direction: c.direction ?? .supports, createdAt: c.createdAt), db)
        }
        for unit in plan.done {
            try store.markDone(coder: packet.coder, round: packet.round, unit: unit, origin: origin, db)
        }
        for (unit, note) in plan.notes {
            let context = try store.validate(coder: packet.coder, round: packet.round, unit: unit, db)
            var record = UnitNoteRecord(id: nil, roundId: context.round.id!, coder: packet.coder, passageId: unit.passageId,
                                        caseId: unit.caseId, note: note.note, createdAt: note.createdAt, retractedAt: nil)
            try record.insert(db)
            try AuditLog.record(db, who: packet.coder, action: "unit.note", entity: "unit_note", id: "\(record.id!)",
                                roundId: record.roundId, detail: record)
        }
    }
}

private extension String {
    /// `codebookHash` → `codebook_hash`, as the packet file writes keys.
    var snakeCased: String {
        var out = ""
        for c in self {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
