import CSV
import Codebook
import Foundation
import GRDB
import Reconciliation

/// Adjudicators' decisions on disagreements. Decisions are appended, never edited: a new decision
/// on the same unit and criterion supersedes the old one, which stays in the record and the log.
public struct AdjudicationStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Records a decision. The round must be closed (so the blind codings are frozen) and the
    /// person must be an adjudicator.
    ///
    /// Where every coder who finished the unit gave the criterion the same value (supports,
    /// contradicts or no tag), there is no disagreement to settle: a decision there overrules the
    /// coders, needs `overrideReason`, and is listed as an override. The same decision as the one
    /// standing (same value, rationale and adjudicator) is not recorded again.
    @discardableResult
    public func decide(round name: String, unit: CodingUnit, criterion: String, present: Bool,
                       rationale: String, adjudicator: String, direction: EvidenceDirection = .supports,
                       overrideReason: String? = nil) throws -> Adjudication {
        try database.writer.write { db in try decide(round: name, unit: unit, criterion: criterion, present: present,
                                                     rationale: rationale, adjudicator: adjudicator, direction: direction,
                                                     overrideReason: overrideReason, db).decision }
    }

    func decide(round name: String, unit: CodingUnit, criterion: String, present: Bool, rationale: String,
                adjudicator: String, direction: EvidenceDirection = .supports, overrideReason: String? = nil,
                _ db: Database) throws -> (decision: Adjudication, recorded: Bool) {
        let store = CodingStore(database: database)
        let round = try store.round(name, db)
        let who = try store.coder(adjudicator, db)
        guard who.role == .adjudicator else {
            throw CodingError.invalid("\(adjudicator) is a \(who.role.rawValue), not an adjudicator; add an adjudicator with `dossier coder add HANDLE --role adjudicator`.")
        }
        guard !round.isOpen else {
            throw CodingError.invalid("round '\(name)' is still open; close it (`dossier round close \(name)`) before adjudicating, so the blind codings are frozen.")
        }
        let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
        guard codebook.definition.criterion(criterion) != nil else {
            throw CodingError.unknownCriterion(criterion, codebook: codebook.label, otherVersion: nil)
        }
        let coded = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM unit_done WHERE round_id = ? AND passage_id = ? AND case_id = ?)",
                                      arguments: [round.id, unit.passageId, unit.caseId]) ?? false
        guard coded else {
            throw CodingError.invalid("passage \(unit.passageId) for case \(unit.caseId) was not coded in round '\(name)'.")
        }
        guard !rationale.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CodingError.invalid("give a rationale: it is what a reader of the evidence appendix will see.")
        }
        let direction: EvidenceDirection = present ? direction : .supports
        let key = UnitKey(passageId: unit.passageId, caseId: unit.caseId)
        // The standing decision, if it is this very one, makes this a repeat (a file imported twice).
        if let standing = try Row.fetchOne(db, sql: """
            SELECT present, direction, rationale, adjudicator, decided_at FROM adjudication
            WHERE round_id = ? AND passage_id = ? AND case_id = ? AND criterion_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1
            """, arguments: [round.id, unit.passageId, unit.caseId, criterion]),
           standing["present"] == present, standing["rationale"] == rationale, standing["adjudicator"] == adjudicator,
           !present || (EvidenceDirection(rawValue: standing["direction"]) ?? .supports) == direction {
            return (Adjudication(unit: key, criterion: criterion, present: present, rationale: rationale, adjudicator: adjudicator,
                                 decidedAt: standing["decided_at"], direction: direction), false)
        }
        // What the coders who finished the unit said: one value among them means nothing to settle.
        let said = try Row.fetchAll(db, sql: """
            SELECT u.coder, (SELECT c.direction FROM coding c WHERE c.round_id = u.round_id AND c.coder = u.coder
                             AND c.passage_id = u.passage_id AND c.case_id = u.case_id AND c.criterion_id = ?
                             AND c.retracted_at IS NULL ORDER BY c.direction = 'contradicts' DESC LIMIT 1) AS direction
            FROM unit_done u WHERE u.round_id = ? AND u.passage_id = ? AND u.case_id = ?
            """, arguments: [criterion, round.id, unit.passageId, unit.caseId])
            .map { EvidenceValue(($0["direction"] as String?).map { EvidenceDirection(rawValue: $0) ?? .supports }) }
        let values = Set(said)
        let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let isOverride = values.count == 1
        if isOverride, let agreed = values.first, (reason ?? "").isEmpty {
            let who = said.count == 1 ? "the one coder who finished it said" : "the \(said.count) coders who finished it agreed"
            throw CodingError.invalid("there is no disagreement on \(criterion) in passage \(unit.passageId) for \(unit.caseId): \(who) (\(agreed.rawValue)); to decide over the coders give --override --reason TEXT (in a CSV, an override_reason column).")
        }
        let now = Date()
        try db.execute(sql: """
            INSERT INTO adjudication (round_id, passage_id, case_id, criterion_id, present, rationale, adjudicator, decided_at, direction, override_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [round.id, unit.passageId, unit.caseId, criterion, present, rationale, adjudicator, now, direction.rawValue,
                             isOverride ? reason : nil])
        let decision = Adjudication(unit: key, criterion: criterion, present: present, rationale: rationale,
                                    adjudicator: adjudicator, decidedAt: now, direction: direction)
        try AuditLog.record(db, who: adjudicator, action: isOverride ? "adjudicate.override" : "adjudicate", entity: "unit",
                            id: "\(unit.passageId)/\(unit.caseId)/\(criterion)", roundId: round.id,
                            detail: Logged(decision: decision, overrideReason: isOverride ? reason : nil))
        return (decision, true)
    }

    /// What the log keeps of a decision.
    struct Logged: Encodable {
        var decision: Adjudication
        var overrideReason: String?
    }

    /// A decision taken where there was no disagreement: the coders who finished the unit agreed.
    public struct Override: Sendable, Codable, Equatable {
        public var passageId: Int64
        public var caseId: String
        public var criterion: String
        public var decision: Adjudication
        /// Why the coders were overruled.
        public var reason: String

        /// One line for a report.
        public var sentence: String {
            "Override: \(criterion) decided \(decision.value.rawValue) in passage \(passageId) for \(caseId) by \(decision.adjudicator) on \(ISO8601DateFormatter().string(from: decision.decidedAt)), although the coders agreed: \(reason)."
        }
    }

    /// The overrides of a round, oldest first. Like every decision, visible only to those who may
    /// see the whole round.
    public func overrides(round name: String, as viewer: Viewer = .anonymous) throws -> [Override] {
        try database.writer.read { db in
            let round = try CodingStore(database: database).round(name, db)
            try AccessPolicy.requireWholeRound(round, for: viewer, db)
            return try Self.overrides(roundId: round.id!, db)
        }
    }

    static func overrides(roundId: Int64, _ db: Database) throws -> [Override] {
        try Row.fetchAll(db, sql: "SELECT * FROM adjudication WHERE round_id = ? AND override_reason IS NOT NULL ORDER BY id",
                         arguments: [roundId]).map {
            Override(passageId: $0["passage_id"], caseId: $0["case_id"], criterion: $0["criterion_id"],
                     decision: Adjudication(unit: UnitKey(passageId: $0["passage_id"], caseId: $0["case_id"]),
                                            criterion: $0["criterion_id"], present: $0["present"], rationale: $0["rationale"],
                                            adjudicator: $0["adjudicator"], decidedAt: $0["decided_at"],
                                            direction: EvidenceDirection(rawValue: $0["direction"]) ?? .supports),
                     reason: $0["override_reason"])
        }
    }

    /// Every decision of a round, oldest first.
    public func adjudications(round name: String) throws -> [Adjudication] {
        try database.writer.read { db in
            try Self.adjudications(roundId: CodingStore(database: database).round(name, db).id!, db)
        }
    }

    static func adjudications(roundId: Int64, _ db: Database) throws -> [Adjudication] {
        try Row.fetchAll(db, sql: "SELECT * FROM adjudication WHERE round_id = ? ORDER BY id", arguments: [roundId]).map {
            Adjudication(unit: UnitKey(passageId: $0["passage_id"], caseId: $0["case_id"]), criterion: $0["criterion_id"],
                         present: $0["present"], rationale: $0["rationale"], adjudicator: $0["adjudicator"],
                         decidedAt: $0["decided_at"], direction: EvidenceDirection(rawValue: $0["direction"]) ?? .supports)
        }
    }

    /// Imports decisions from CSV (`round,passage,case,criterion,present,rationale,adjudicator`; or
    /// `document` and `anchor` instead of `passage`, as in coding CSVs),
    /// all or nothing, reporting every bad row as `file:row:column: message`. Returns the
    /// decisions recorded; see ``importDecisions(_:as:)``.
    public func importFile(_ url: URL) throws -> Int {
        try importDecisions(url).recorded
    }

    /// Imports decisions; a decision already standing (the same file imported again) is counted in
    /// `alreadyRecorded`, not recorded twice. An optional `override_reason` column decides units the
    /// coders agreed on.
    ///
    /// With a `viewer` who says who they are (`--as`), each row's `adjudicator` must be them, unless
    /// they are a lead importing an adjudicator's file; without one, the column is taken at its word.
    public func importDecisions(_ url: URL, as viewer: Viewer = .anonymous) throws -> (recorded: Int, alreadyRecorded: Int) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CodingImportError(problems: ["\(url.path): cannot read the file as UTF-8 text."])
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        let header = (reader.headerRow ?? []).map { $0.lowercased() }
        let required = ["round", "case", "criterion", "present", "rationale", "adjudicator"]
        var missing = required.filter { !header.contains($0) }
        if !header.contains("passage") && !(header.contains("document") && header.contains("anchor")) {
            missing.append("passage (or document and anchor)")
        }
        guard missing.isEmpty else {
            throw CodingImportError(problems: ["\(url.path):1: missing column(s) \(missing.joined(separator: ", ")); expected \(required.joined(separator: ","))."])
        }
        return try database.writer.write { db in
            var problems: [String] = []
            var count = 0, repeated = 0
            var n = 1
            while let row = reader.next() {
                n += 1
                let r = Dictionary(uniqueKeysWithValues: zip(header, row))
                func col(_ name: String) -> Int { (header.firstIndex(of: name) ?? 0) + 1 }
                guard let passage = PassageReference.resolve(r, db, { column, message in
                    problems.append("\(url.path):\(n):\(col(column)): \(message)")
                }) else { continue }
                let present: Bool
                var direction = EvidenceDirection.supports
                switch (r["present"] ?? "").lowercased() {
                case "yes", "true", "1", "present", "supports": present = true
                case "contradicts": present = true; direction = .contradicts
                case "no", "false", "0", "absent", "no tag": present = false
                default: problems.append("\(url.path):\(n):\(col("present")): present must be yes (supports), contradicts or no."); continue
                }
                let adjudicator = r["adjudicator"] ?? ""
                if let me = viewer.handle, me != adjudicator {
                    let role = try CoderRecord.fetchOne(db, key: me)?.role
                    guard role == .lead else {
                        problems.append("\(url.path):\(n):\(col("adjudicator")): \(me) may not record decisions in \(adjudicator)'s name; import your own decisions, or ask a lead to import this file.")
                        continue
                    }
                }
                do {
                    let result = try decide(round: r["round"] ?? "", unit: CodingUnit(passageId: passage, caseId: r["case"] ?? ""),
                                            criterion: r["criterion"] ?? "", present: present, rationale: r["rationale"] ?? "",
                                            adjudicator: r["adjudicator"] ?? "", direction: direction,
                                            overrideReason: r["override_reason"].flatMap { $0.isEmpty ? nil : $0 }, db)
                    if result.recorded { count += 1 } else { repeated += 1 }
                } catch {
                    problems.append("\(url.path):\(n): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                }
            }
            if !problems.isEmpty { throw CodingImportError(problems: problems) }
            return (count, repeated)
        }
    }
}
