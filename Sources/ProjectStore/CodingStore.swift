import Agreement
import Codebook
import Foundation
import GRDB

/// Coders and their codings: adding, finishing units, retracting, reading under ``AccessPolicy``.
/// Rounds live in ``RoundStore`` and assignments in ``AssignmentStore``. Every write runs in one IMMEDIATE transaction together
/// with its audit event, so concurrent coders' processes never lose a write and the log never misses one.
public struct CodingStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    // MARK: Coders

    @discardableResult
    public func addCoder(handle: String, name: String, role: CoderRecord.Role, by viewer: Viewer = .anonymous) throws -> CoderRecord {
        guard handle.range(of: #"^[A-Za-z][A-Za-z0-9_.-]{0,31}$"#, options: .regularExpression) != nil else {
            throw CodingError.invalidHandle(handle)
        }
        return try database.writer.write { db in
            // Until the project has a lead anyone may add people; then only a lead or adjudicator.
            let manager = try AccessPolicy.requireManager(viewer, to: "add coders", db)
            if try CoderRecord.fetchOne(db, key: handle) != nil { throw CodingError.coderExists(handle) }
            let coder = CoderRecord(handle: handle, name: name, role: role, createdAt: Date())
            try coder.insert(db)
            try AuditLog.record(db, who: manager == "-" ? handle : manager, action: "coder.add", entity: "coder", id: handle, detail: coder)
            return coder
        }
    }

    public func coders() throws -> [CoderRecord] {
        try database.writer.read { db in try CoderRecord.order(Column("handle")).fetchAll(db) }
    }

    func coder(_ handle: String, _ db: Database) throws -> CoderRecord {
        guard let coder = try CoderRecord.fetchOne(db, key: handle) else { throw CodingError.unknownCoder(handle) }
        return coder
    }

    // MARK: Rounds and assignments (kept here for callers; the work is done by RoundStore and AssignmentStore)

    /// See ``RoundStore/createRound(name:purpose:codebook:blind:by:)``.
    public func createRound(name: String, purpose: RoundRecord.Purpose, codebook: CodebookVersionRecord,
                            blind: Bool? = nil, by viewer: Viewer = .anonymous) throws -> RoundRecord {
        try RoundStore(database: database).createRound(name: name, purpose: purpose, codebook: codebook, blind: blind, by: viewer)
    }

    /// See ``RoundStore/closeRound(_:by:force:reason:)``.
    public func closeRound(_ name: String, by who: String?, force: Bool = false, reason: String? = nil) throws -> RoundRecord {
        try RoundStore(database: database).closeRound(name, by: who, force: force, reason: reason)
    }

    public func rounds() throws -> [RoundRecord] { try RoundStore(database: database).rounds() }

    public func round(_ name: String) throws -> RoundRecord { try RoundStore(database: database).round(name) }

    func round(_ name: String, _ db: Database) throws -> RoundRecord { try RoundStore.round(name, db) }

    /// The codebook a round is pinned to.
    public func codebook(of round: RoundRecord) throws -> CodebookVersionRecord {
        try RoundStore(database: database).codebook(of: round)
    }

    /// See ``AssignmentStore/assign(round:coders:units:method:query:documentIds:fraction:seed:by:)``.
    @discardableResult
    public func assign(round name: String, coders handles: [String], units candidates: [CodingUnit],
                       method: String, query: String? = nil, documentIds: [Int64]? = nil,
                       fraction: Double? = nil, seed: UInt64? = nil, by viewer: Viewer = .anonymous) throws -> SampleDescription {
        try AssignmentStore(database: database).assign(round: name, coders: handles, units: candidates, method: method, query: query,
                                                       documentIds: documentIds, fraction: fraction, seed: seed, by: viewer)
    }

    /// A coder's assigned units in order, with whether each is done.
    public func queue(round name: String, coder handle: String) throws -> [(unit: CodingUnit, done: Bool)] {
        try AssignmentStore(database: database).queue(round: name, coder: handle, as: Viewer(handle))
    }

    /// See ``AssignmentStore/queue(round:coder:as:)``.
    public func queue(round name: String, coder handle: String, as viewer: Viewer) throws -> [(unit: CodingUnit, done: Bool)] {
        try AssignmentStore(database: database).queue(round: name, coder: handle, as: viewer)
    }

    /// The kinds of subject (recipient case, actor in an operation) among these case ids.
    public func subjects(of caseIds: [String]) throws -> Set<SubjectKind> {
        guard !caseIds.isEmpty else { return [] }
        return try database.writer.read { db in
            let ids = Array(Set(caseIds))
            let marks = ids.map { _ in "?" }.joined(separator: ",")
            return Set(try String.fetchAll(db, sql: "SELECT DISTINCT subject FROM coalition_case WHERE id IN (\(marks))",
                                           arguments: StatementArguments(ids)).compactMap(SubjectKind.init(rawValue:)))
        }
    }

    // MARK: Codings

    /// What a coder asserts about a unit for one criterion.
    public struct NewCoding: Sendable {
        public var coder: String
        public var round: String
        public var unit: CodingUnit
        public var criterion: String
        /// Evidence for the criterion (the default) or against it.
        public var direction: EvidenceDirection
        public var span: Range<Int>?
        public var note: String?
        public var test: String?
        public var attributes: [String: String]
        public var origin: String
        /// When the coding was first made, for one that arrives from elsewhere (a packet, a team
        /// server): kept, so that the same coding is the same in every copy it reaches. Nil: now.
        public var createdAt: Date?

        public init(coder: String, round: String, unit: CodingUnit, criterion: String, span: Range<Int>? = nil,
                    note: String? = nil, test: String? = nil, attributes: [String: String] = [:], origin: String = "cli",
                    direction: EvidenceDirection = .supports, createdAt: Date? = nil) {
            self.createdAt = createdAt
            self.direction = direction
            self.coder = coder
            self.round = round
            self.unit = unit
            self.criterion = criterion
            self.span = span
            self.note = note
            self.test = test
            self.attributes = attributes
            self.origin = origin
        }
    }

    /// Adds one coding after checking everything it names exists and fits; nothing is written otherwise.
    @discardableResult
    public func add(_ new: NewCoding) throws -> CodingRecord {
        try database.writer.write { db in try add(new, db) }
    }

    /// Adds many codings in one transaction: all or none.
    public func addAll(_ codings: [NewCoding]) throws -> [CodingRecord] {
        try database.writer.write { db in try codings.map { try add($0, db) } }
    }

    func add(_ new: NewCoding, _ db: Database, cache: LookupCache? = nil) throws -> CodingRecord {
        let context = try validate(coder: new.coder, round: new.round, unit: new.unit, db, cache: cache)
        let codebook = context.codebook.definition
        let cached = cache?.criterion(new.criterion, in: context.codebook)
        guard let criterion = cached?.criterion ?? (cache == nil ? codebook.criterion(new.criterion) : nil) else {
            throw CodingError.unknownCriterion(new.criterion, codebook: context.codebook.label,
                                               otherVersion: try otherVersionHas(criterion: new.criterion, db))
        }
        if let test = new.test, EvidenceTest(yamlValue: test) == nil {
            throw CodingError.invalid("unknown evidence test '\(test)'; use one of \(EvidenceTest.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let attributes = try validateAttributes(new.attributes, criterion: criterion, codebook: codebook)
        // Pivotal-state criteria are coded for an actor in an operation, recipient criteria for a case.
        let dimensionSubject = cache == nil
            ? codebook.dimensions.first(where: { $0.criteria.contains { $0.id == criterion.id } })?.subject : cached?.subject
        if let dimensionSubject {
            let subject = SubjectKind(rawValue: try cache?.subjects[new.unit.caseId]
                ?? String.fetchOne(db, sql: "SELECT subject FROM coalition_case WHERE id = ?", arguments: [new.unit.caseId])
                ?? "case") ?? .coalitionCase
            guard subject == dimensionSubject else {
                throw CodingError.invalid(dimensionSubject == .operationActor
                    ? "\(criterion.id) is coded for an actor in an operation (OPERATION@ACTOR, `dossier case add ID --actor A --operation O`), not for case \(new.unit.caseId)."
                    : "\(criterion.id) is coded for a recipient case, not for \(new.unit.caseId), which is an actor in an operation.")
            }
        }
        if let link = attributes[Self.sameFactAttribute], let other = Self.passageNumber(link) {
            guard other != new.unit.passageId else {
                throw CodingError.invalid("attribute \(Self.sameFactAttribute)=\(link): that is this coding's own passage; name the other passage that states the same fact.")
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM passage WHERE id = ?)", arguments: [other]) == true else {
                throw CodingError.invalid("attribute \(Self.sameFactAttribute)=\(link): there is no passage \(other).")
            }
        }
        if let payment = attributes["payment"] {
            // A payment coding may point at the register's payment it documents; it must be one of this case's.
            let caseOf = try String.fetchOne(db, sql: "SELECT case_id FROM payment WHERE id = ?", arguments: [payment])
            guard caseOf == new.unit.caseId else {
                throw CodingError.invalid(caseOf == nil
                    ? "attribute payment=\(payment): the register has no such payment (see `dossier payment list`)."
                    : "attribute payment=\(payment): that payment belongs to case \(caseOf!), not \(new.unit.caseId).")
            }
        }
        // In a bulk write the round's codings for this coder are in the cache (kept current below).
        let evidenceKey = LookupCache.EvidenceKey(passageId: new.unit.passageId, caseId: new.unit.caseId, criterion: new.criterion)
        let cacheKey = "\(context.round.id!)/\(new.coder)"
        let known = try cache.map { try $0.liveCodings(roundId: context.round.id!, coder: new.coder, db)[evidenceKey] ?? [] }
        if let known, let other = known.first(where: { $0.direction != new.direction.rawValue }) {
            throw CodingError.invalid("\(new.coder) already tagged passage \(new.unit.passageId) for \(new.unit.caseId) as \(other.direction) \(new.criterion); one passage points one way for a coder — retract that coding first.")
        }
        if known == nil, let other = try String.fetchOne(db, sql: """
            SELECT c.direction FROM coding c JOIN coding_round r ON r.id = c.round_id
            WHERE r.name = ? AND c.coder = ? AND c.passage_id = ? AND c.case_id = ? AND c.criterion_id = ?
              AND c.retracted_at IS NULL AND c.direction <> ? LIMIT 1
            """, arguments: [new.round, new.coder, new.unit.passageId, new.unit.caseId, new.criterion, new.direction.rawValue]) {
            throw CodingError.invalid("\(new.coder) already tagged passage \(new.unit.passageId) for \(new.unit.caseId) as \(other) \(new.criterion); one passage points one way for a coder — retract that coding first.")
        }
        var quote: String?
        if let span = new.span {
            let text = try context.passage?.text
                ?? String.fetchOne(db.cachedStatement(sql: "SELECT text FROM passage WHERE id = ?"), arguments: [context.passageId]) ?? ""
            let scalars = Array(text.unicodeScalars)
            guard span.lowerBound >= 0, span.upperBound <= scalars.count, span.lowerBound < span.upperBound else {
                throw CodingError.spanOutsidePassage(span: span, passageId: context.passageId, length: scalars.count)
            }
            quote = String(String.UnicodeScalarView(scalars[span]))
        }
        let duplicate = try known.map { $0.contains { $0.spanStart == new.span?.lowerBound && $0.spanEnd == new.span?.upperBound } }
            ?? duplicateExists(new, db)
        if duplicate {
            throw CodingError.duplicate(criterion: new.criterion, passageId: new.unit.passageId, caseId: new.unit.caseId, coder: new.coder)
        }
        var record = CodingRecord(id: nil, roundId: context.round.id!, coder: new.coder, passageId: new.unit.passageId,
                                  caseId: new.unit.caseId, criterionId: criterion.id, direction: new.direction, spanStart: new.span?.lowerBound,
                                  spanEnd: new.span?.upperBound, quote: quote, note: new.note, test: new.test.flatMap { EvidenceTest(yamlValue: $0)?.rawValue },
                                  attributes: attributes, createdAt: new.createdAt ?? cache?.now ?? Date(), retractedAt: nil, retractionReason: nil,
                                  origin: new.origin)
        if let cache {
            if cache.defersWrites {
                cache.pendingCodings.append(record)
            } else {
                try insertPrepared(&record, at: cache.nowValue, db)
                try AuditLog.recordCodingAdd(db, codingId: record.id!, at: cache.nowValue)
            }
            cache.codings[cacheKey, default: [:]][evidenceKey, default: []]
                .append(.init(direction: new.direction.rawValue, spanStart: new.span?.lowerBound, spanEnd: new.span?.upperBound))
        } else {
            // Into the storage table (`coding` is a view, see CodingBatch), visible at once.
            try insertPrepared(&record, at: record.createdAt.databaseValue, db)
            try AuditLog.record(db, who: new.coder, action: "coding.add", entity: "coding", id: "\(record.id!)",
                                roundId: record.roundId, detail: record)
        }
        return record
    }

    /// The same row as `record.insert(db)` writes, through one prepared statement (a bulk write
    /// inserts thousands; Codable encoding with key conversion was a large part of each).
    /// `batch` 0 makes the coding visible at once; a staged import passes its unpublished batch.
    func insertPrepared(_ record: inout CodingRecord, at time: DatabaseValue, batch: Int64 = 0, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO coding_store (round_id, coder, passage_id, case_id, criterion_id, direction, span_start, span_end, quote,
                                      note, test, attributes, created_at, retracted_at, retraction_reason, origin, batch_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)
            """)
        let attributes = record.attributes.isEmpty ? "{}"
            : String(decoding: try CodingRecord.databaseJSONEncoder(for: "attributes").encode(record.attributes), as: UTF8.self)
        try statement.execute(arguments: [record.roundId, record.coder, record.passageId, record.caseId, record.criterionId,
                                          record.direction.rawValue, record.spanStart, record.spanEnd, record.quote, record.note,
                                          record.test, attributes, time, record.origin, batch])
        record.id = db.lastInsertedRowID
    }

    private func duplicateExists(_ new: NewCoding, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM coding c JOIN coding_round r ON r.id = c.round_id
            WHERE r.name = ? AND c.coder = ? AND c.passage_id = ? AND c.case_id = ? AND c.criterion_id = ?
              AND c.retracted_at IS NULL AND c.span_start IS ? AND c.span_end IS ?)
            """, arguments: [new.round, new.coder, new.unit.passageId, new.unit.caseId, new.criterion,
                             new.span?.lowerBound, new.span?.upperBound]) ?? false
    }

    private func otherVersionHas(criterion: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT v.codebook_id || ' ' || v.version || ' (r' || v.revision || ')'
            FROM codebook_criterion c JOIN codebook_version v ON v.id = c.codebook_version_id
            WHERE c.criterion_id = ? ORDER BY v.id DESC LIMIT 1
            """, arguments: [criterion])
    }

    /// The attribute a coder puts on any coding to say its passage states the same fact as another
    /// passage (`same_fact=p44`, a telegram and the memo that repeats it): `dossier weigh` counts
    /// the two as one item of evidence. Accepted for every criterion, whatever the codebook defines.
    public static let sameFactAttribute = "same_fact"

    /// The passage a `same_fact` value names: `p44`, `P44` or `44`.
    public static func passageNumber(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return Int64(t.hasPrefix("p") || t.hasPrefix("P") ? String(t.dropFirst()) : t)
    }

    private func validateAttributes(_ attributes: [String: String], criterion: Criterion,
                                    codebook: Codebook) throws -> [String: String] {
        guard !attributes.isEmpty else { return [:] }
        let dimension = codebook.dimensions.first { $0.criteria.contains { $0.id == criterion.id } }
        let known = Dictionary(uniqueKeysWithValues: (dimension?.attributes ?? []).map { ($0.name, $0) })
        for (name, value) in attributes {
            if name == Self.sameFactAttribute {
                guard Self.passageNumber(value) != nil else {
                    throw CodingError.invalid("attribute \(name)=\(value): name the passage that states the same fact, as p44 or 44.")
                }
                continue
            }
            guard let definition = known[name] else {
                let allowed = known.keys.sorted().joined(separator: ", ")
                throw CodingError.invalid("attribute '\(name)' is not defined for \(criterion.id)" + (allowed.isEmpty ? " (its dimension defines no attributes)." : "; defined: \(allowed)."))
            }
            if let problem = definition.problem(with: value) {
                throw CodingError.invalid("attribute \(name)=\(value): \(problem)")
            }
        }
        return attributes
    }

    struct UnitContext {
        var round: RoundRecord
        var codebook: CodebookVersionRecord
        var passageId: Int64
        /// The whole passage, except in a bulk write (which reads only the text, and only for spans).
        var passage: PassageRecord?
        var coder: CoderRecord
    }

    /// Checks coder, round (open), passage, case and, in rounds with assignments, that the unit is assigned.
    func validate(coder handle: String, round name: String, unit: CodingUnit, _ db: Database,
                  cache: LookupCache? = nil) throws -> UnitContext {
        let coder = try cache?.coders[handle] ?? coder(handle, db)
        cache?.coders[handle] = coder
        let round = try cache?.rounds[name] ?? self.round(name, db)
        cache?.rounds[name] = round
        guard round.isOpen else { throw CodingError.roundClosed(name) }
        var passage: PassageRecord?
        if let cache {
            let exists = try cache.passages[unit.passageId] ?? Self.passageIsPublished(unit.passageId, db)
            cache.passages[unit.passageId] = exists
            guard exists else { throw CodingError.unknownPassage(unit.passageId) }
        } else {
            guard let record = try PassageRecord.fetchOne(db, key: unit.passageId), try Self.passageIsPublished(unit.passageId, db) else {
                throw CodingError.unknownPassage(unit.passageId)
            }
            passage = record
        }
        let caseExists = try cache?.cases[unit.caseId]
            ?? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coalition_case WHERE id = ?)", arguments: [unit.caseId]) ?? false
        cache?.cases[unit.caseId] = caseExists
        guard caseExists else { throw CodingError.unknownCase(unit.caseId) }
        let subject = try cache?.subjects[unit.caseId]
            ?? String.fetchOne(db, sql: "SELECT subject FROM coalition_case WHERE id = ?", arguments: [unit.caseId]) ?? "case"
        cache?.subjects[unit.caseId] = subject
        var claimed = round
        let deferred = cache?.defersWrites == true
        try RoundStore.claimSubject(&claimed, subject: subject, caseId: unit.caseId, db, write: !deferred)
        if deferred, round.subject == nil { cache?.claimedSubjects[round.id!] = subject }
        cache?.rounds[name] = claimed
        let assignmentKey = "\(round.id!)/\(handle)"
        let hasAssignments = try cache?.hasAssignments[assignmentKey]
            ?? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM assignment WHERE round_id = ? AND coder = ?)",
                             arguments: [round.id, handle]) ?? false
        cache?.hasAssignments[assignmentKey] = hasAssignments
        if hasAssignments || round.blind {
            let assigned = try cache?.assignedUnits(roundId: round.id!, coder: handle, db).contains(unit) ?? Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM assignment WHERE round_id = ? AND coder = ? AND passage_id = ? AND case_id = ?)
                """, arguments: [round.id, handle, unit.passageId, unit.caseId]) ?? false
            guard assigned else { throw CodingError.notAssigned(coder: handle, round: name, unit: unit) }
        }
        let codebook = try cache?.codebooks[round.codebookVersionId] ?? CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
        cache?.codebooks[round.codebookVersionId] = codebook
        return UnitContext(round: round, codebook: codebook, passageId: unit.passageId, passage: passage, coder: coder)
    }

    /// True when the passage exists and belongs to a published import: a passage of a file still
    /// being imported (staged, see ``ArchiveImporter``) is no more codable than it is visible.
    static func passageIsPublished(_ passageId: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM passage p JOIN document d ON d.id = p.document_id
                           JOIN import_batch b ON b.id = d.batch_id
                           WHERE p.id = ? AND b.finished_at IS NOT NULL)
            """), arguments: [passageId]) ?? false
    }

    /// Marks a unit finished: every criterion the coder did not tag is recorded as absent.
    /// Returns false when the unit was already done (nothing changes).
    @discardableResult
    public func markDone(coder: String, round: String, unit: CodingUnit, origin: String = "cli") throws -> Bool {
        try database.writer.write { db in try markDone(coder: coder, round: round, unit: unit, origin: origin, db) }
    }

    @discardableResult
    func markDone(coder: String, round: String, unit: CodingUnit, origin: String, _ db: Database,
                  cache: LookupCache? = nil) throws -> Bool {
        let context = try validate(coder: coder, round: round, unit: unit, db, cache: cache)
        let already = try cache?.doneUnits(roundId: context.round.id!, coder: coder, db).contains(unit) ?? Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM unit_done WHERE round_id = ? AND coder = ? AND passage_id = ? AND case_id = ?)
            """, arguments: [context.round.id, coder, unit.passageId, unit.caseId]) ?? false
        if already { return false }
        if let cache, cache.defersWrites {
            cache.pendingDone.append((context.round.id!, coder, unit, origin))
            cache.done["\(context.round.id!)/\(coder)"]?.insert(unit)
            return true
        }
        try db.cachedStatement(sql: "INSERT INTO unit_done_store (round_id, coder, passage_id, case_id, done_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [context.round.id, coder, unit.passageId, unit.caseId, cache?.nowValue ?? Date().databaseValue])
        try AuditLog.record(db, who: coder, action: "unit.done", entity: "unit", id: "\(unit.passageId)/\(unit.caseId)",
                            roundId: context.round.id, detail: ["origin": origin], encoder: cache?.encoder, at: cache?.nowValue)
        cache?.done["\(context.round.id!)/\(coder)"]?.insert(unit)
        return true
    }

    /// Reopens a finished unit (e.g. to go back in a session); recorded in the log.
    public func reopen(coder: String, round: String, unit: CodingUnit) throws {
        try database.writer.write { db in
            let context = try validate(coder: coder, round: round, unit: unit, db)
            try db.execute(sql: "DELETE FROM unit_done_store WHERE round_id = ? AND coder = ? AND passage_id = ? AND case_id = ? AND \(CodingBatch.visibleRow)",
                           arguments: [context.round.id, coder, unit.passageId, unit.caseId])
            try AuditLog.record(db, who: coder, action: "unit.reopen", entity: "unit", id: "\(unit.passageId)/\(unit.caseId)",
                                roundId: context.round.id, detail: [String: String]())
        }
    }

    /// Retracts a coding: the row stays, stamped with when and why, and the log keeps the old value.
    public func retract(codingId: Int64, by coder: String, reason: String?) throws -> CodingRecord {
        try database.writer.write { db in
            guard var record = try CodingRecord.filter(Column("id") == codingId).fetchOne(db) else {
                throw CodingError.invalid("no coding with id \(codingId).")
            }
            let who = try self.coder(coder, db)
            // Never name the coding's coder: in a blind round that alone would tell who else coded.
            guard record.coder == coder || who.role == .adjudicator || who.role == .lead else {
                throw CodingError.notYours(codingId: codingId)
            }
            guard record.retractedAt == nil else { throw CodingError.invalid("coding \(codingId) is already retracted.") }
            let round = try RoundRecord.fetchOne(db, key: record.roundId)!
            guard round.isOpen else { throw CodingError.roundClosed(round.name) }
            let previous = record
            record.retractedAt = Date()
            record.retractionReason = reason
            try record.storeRetraction(db)
            try AuditLog.record(db, who: coder, action: "coding.retract", entity: "coding", id: "\(codingId)",
                                roundId: record.roundId, detail: record, previous: previous)
            return record
        }
    }

    // MARK: Reading codings (blind rules)

    /// Codings of a round as `viewer` may see them (see ``AccessPolicy``): while a blind round is
    /// open, everyone sees only their own codings and asking for another coder's is refused; once it
    /// is closed, everyone sees everything. Without a viewer, an open blind round is refused.
    public func codings(round name: String, viewer: String?, coder filterCoder: String? = nil,
                        caseId: String? = nil, criterion: String? = nil, includeRetracted: Bool = false) throws -> [CodingRecord] {
        try codings(round: name, as: Viewer(viewer), coder: filterCoder, caseId: caseId, criterion: criterion,
                    includeRetracted: includeRetracted)
    }

    /// Codings of a round as `viewer` may see them (see ``AccessPolicy``).
    public func codings(round name: String, as viewer: Viewer, coder filterCoder: String? = nil,
                        caseId: String? = nil, criterion: String? = nil, includeRetracted: Bool = false) throws -> [CodingRecord] {
        try database.writer.read { db in
            let round = try self.round(name, db)
            var visibleCoder: String?
            if case .onlyOwn(let handle) = try AccessPolicy.scope(of: round, for: viewer, db) { visibleCoder = handle }
            if let visibleCoder, let filterCoder, filterCoder != visibleCoder {
                throw CodingError.blind(round: round.name, viewer: visibleCoder)
            }
            var request = CodingRecord.filter(Column("round_id") == round.id!)
            if let only = visibleCoder ?? filterCoder { request = request.filter(Column("coder") == only) }
            if let caseId { request = request.filter(Column("case_id") == caseId) }
            if let criterion { request = request.filter(Column("criterion_id") == criterion) }
            if !includeRetracted { request = request.filter(Column("retracted_at") == nil) }
            return try request.order(Column("passage_id"), Column("case_id"), Column("coder"), Column("id")).fetchAll(db)
        }
    }

    /// The units finished in a round, as `viewer` may see them (only their own while it is blind and open).
    public func doneUnits(round name: String, coder: String? = nil, as viewer: Viewer = .anonymous) throws -> [(coder: String, unit: CodingUnit)] {
        try database.writer.read { db in
            let round = try self.round(name, db)
            var only = coder
            if case .onlyOwn(let handle) = try AccessPolicy.scope(of: round, for: viewer, db) {
                if let coder, coder != handle { throw CodingError.blind(round: round.name, viewer: handle) }
                only = handle
            }
            var sql = "SELECT coder, passage_id, case_id FROM unit_done WHERE round_id = ?"
            var args: StatementArguments = [round.id]
            if let only { sql += " AND coder = ?"; args += [only] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY passage_id, case_id, coder", arguments: args)
                .map { ($0["coder"], CodingUnit(passageId: $0["passage_id"], caseId: $0["case_id"])) }
        }
    }
}
