import Foundation
import GRDB
import Reconciliation

/// Where a case was searched, per round: the record that lets "not found" mean something.
/// Appended, never edited; the latest full record is the one classification relies on.
public struct CoverageStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// What a lead says about one search of a case.
    public struct NewCoverage: Sendable {
        public var round: String
        public var caseId: String
        public var queries: [String]
        public var volumes: [String]
        public var dateRanges: [String]
        public var candidates: Int
        /// Nil: count the passages finished for the case in the round.
        public var coded: Int?
        public var note: String?
        public var by: String

        public init(round: String, caseId: String, queries: [String] = [], volumes: [String] = [], dateRanges: [String] = [],
                    candidates: Int, coded: Int? = nil, note: String? = nil, by: String) {
            self.round = round
            self.caseId = caseId
            self.queries = queries
            self.volumes = volumes
            self.dateRanges = dateRanges
            self.candidates = candidates
            self.coded = coded
            self.note = note
            self.by = by
        }
    }

    /// Records a search. The recorder must be a lead or adjudicator (coverage changes what `not
    /// found` means for every coder's case), and a blind round must be closed first.
    @discardableResult
    public func record(_ new: NewCoverage) throws -> CaseCoverage {
        try database.writer.write { db in
            let store = CodingStore(database: database)
            let round = try store.round(new.round, db)
            try AccessPolicy.require([.lead, .adjudicator], Viewer(new.by), to: "record how a case was searched", db)
            // Coverage counts finished units of every coder: it waits until the blind round is closed.
            if AccessPolicy.isBlindNow(round) { throw CodingError.blindUntilClosed(round: round.name) }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coalition_case WHERE id = ?)", arguments: [new.caseId]) == true else {
                throw CodingError.unknownCase(new.caseId)
            }
            guard !(new.queries.isEmpty && new.volumes.isEmpty && new.dateRanges.isEmpty) else {
                throw CodingError.invalid("say what was searched: at least one --query, --volume or --dates.")
            }
            for range in new.dateRanges where range.split(separator: "/").count != 2 {
                throw CodingError.invalid("--dates takes FROM/TO (e.g. 1950-06/1951-12), not '\(range)'.")
            }
            let finished = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT passage_id) FROM unit_done WHERE round_id = ? AND case_id = ?",
                                            arguments: [round.id, new.caseId]) ?? 0
            let coded = new.coded ?? finished
            guard new.candidates >= 0, coded >= 0, coded <= new.candidates else {
                throw CodingError.invalid("coded (\(coded)) must be between 0 and the number of candidates (\(new.candidates)).")
            }
            guard coded <= finished else {
                throw CodingError.invalid("\(coded) passage(s) said to be coded, but only \(finished) passage(s) of \(new.caseId) are finished in round '\(round.name)'.")
            }
            let now = Date()
            let coverage = CaseCoverage(caseId: new.caseId, round: round.name, queries: new.queries, volumes: new.volumes,
                                        dateRanges: new.dateRanges, candidates: new.candidates, coded: coded,
                                        note: new.note, recordedBy: new.by, recordedAt: now)
            try db.execute(sql: """
                INSERT INTO case_coverage (round_id, case_id, queries, volumes, date_ranges, candidates, coded, note, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [round.id, new.caseId, RegisterStore.json(new.queries), RegisterStore.json(new.volumes),
                                 RegisterStore.json(new.dateRanges), new.candidates, coded, new.note, new.by, now])
            try AuditLog.record(db, who: new.by, action: "case.coverage", entity: "case", id: new.caseId,
                                roundId: round.id, detail: coverage)
            return coverage
        }
    }

    /// Every search recorded for a round (optionally one case), oldest first.
    public func coverage(round name: String, caseId: String? = nil) throws -> [CaseCoverage] {
        try database.writer.read { db in
            let round = try CodingStore(database: database).round(name, db)
            return try Self.coverage(roundId: round.id!, roundName: round.name, db).filter { caseId == nil || $0.caseId == caseId }
        }
    }

    static func coverage(roundId: Int64, roundName: String, _ db: Database) throws -> [CaseCoverage] {
        func list(_ text: String) -> [String] { (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? [] }
        return try Row.fetchAll(db, sql: "SELECT * FROM case_coverage WHERE round_id = ? ORDER BY id", arguments: [roundId]).map {
            CaseCoverage(caseId: $0["case_id"], round: roundName, queries: list($0["queries"]), volumes: list($0["volumes"]),
                         dateRanges: list($0["date_ranges"]), candidates: $0["candidates"], coded: $0["coded"],
                         note: $0["note"], recordedBy: $0["recorded_by"], recordedAt: $0["recorded_at"])
        }
    }
}
