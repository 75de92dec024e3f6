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
    @discardableResult
    public func decide(round name: String, unit: CodingUnit, criterion: String, present: Bool,
                       rationale: String, adjudicator: String, direction: EvidenceDirection = .supports) throws -> Adjudication {
        try database.writer.write { db in try decide(round: name, unit: unit, criterion: criterion, present: present,
                                                     rationale: rationale, adjudicator: adjudicator, direction: direction, db) }
    }

    func decide(round name: String, unit: CodingUnit, criterion: String, present: Bool, rationale: String,
                adjudicator: String, direction: EvidenceDirection = .supports, _ db: Database) throws -> Adjudication {
        let store = CodingStore(database: database)
        let round = try store.round(name, db)
        let who = try store.coder(adjudicator, db)
        guard who.role == .adjudicator else {
            throw CodingError.invalid("\(adjudicator) is a coder, not an adjudicator; add an adjudicator with `dossier coder add HANDLE --role adjudicator`.")
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
        let now = Date()
        try db.execute(sql: """
            INSERT INTO adjudication (round_id, passage_id, case_id, criterion_id, present, rationale, adjudicator, decided_at, direction)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [round.id, unit.passageId, unit.caseId, criterion, present, rationale, adjudicator, now, direction.rawValue])
        let decision = Adjudication(unit: UnitKey(passageId: unit.passageId, caseId: unit.caseId), criterion: criterion,
                                    present: present, rationale: rationale, adjudicator: adjudicator, decidedAt: now,
                                    direction: direction)
        try AuditLog.record(db, who: adjudicator, action: "adjudicate", entity: "unit",
                            id: "\(unit.passageId)/\(unit.caseId)/\(criterion)", roundId: round.id, detail: decision)
        return decision
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
    /// all or nothing, reporting every bad row as `file:row:column: message`.
    public func importFile(_ url: URL) throws -> Int {
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
            var count = 0
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
                do {
                    _ = try decide(round: r["round"] ?? "", unit: CodingUnit(passageId: passage, caseId: r["case"] ?? ""),
                                   criterion: r["criterion"] ?? "", present: present, rationale: r["rationale"] ?? "",
                                   adjudicator: r["adjudicator"] ?? "", direction: direction, db)
                    count += 1
                } catch {
                    problems.append("\(url.path):\(n): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                }
            }
            if !problems.isEmpty { throw CodingImportError(problems: problems) }
            return count
        }
    }
}
