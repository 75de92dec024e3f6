import Codebook
import Foundation
import GRDB

/// Lookups that stay fixed for the length of one bulk write (a `code import` transaction): coders,
/// rounds, codebook versions (whose decoded definition is the expensive part), whether a case
/// exists, whether a coder has assignments in a round. The import writes codings and finished
/// units only, none of these, so caching them inside its transaction is exact; re-fetching and
/// re-decoding them was three quarters of the per-row cost.
///
/// The codings and finished units a round already holds for a coder are read once per
/// (round, coder) and kept up to date by the writes made through the cache, so the duplicate and
/// direction checks of each row are dictionary lookups instead of queries over the coding table.
final class LookupCache {
    var coders: [String: CoderRecord] = [:]
    var rounds: [String: RoundRecord] = [:]
    var codebooks: [Int64: CodebookVersionRecord] = [:]
    var cases: [String: Bool] = [:]
    /// Subject kind (`case`, `operation_actor`) per case id.
    var subjects: [String: String] = [:]
    var hasAssignments: [String: Bool] = [:]
    /// Whether a passage exists, by id.
    var passages: [Int64: Bool] = [:]
    /// Units assigned in a round to a coder, keyed `roundId/coder`.
    var assigned: [String: Set<CodingUnit>] = [:]
    /// Live codings of a round by a coder, keyed `roundId/coder`, then by evidence key.
    var codings: [String: [EvidenceKey: [Existing]]] = [:]
    /// Finished units of a round by a coder, keyed `roundId/coder`.
    var done: [String: Set<CodingUnit>] = [:]
    /// A codebook version's criterion by id, with the subject its dimension codes (searched once, not per row).
    var criteria: [String: (criterion: Criterion, subject: SubjectKind?)?] = [:]
    /// Set for the checking pass of a `code import` (a read transaction): nothing is written; the
    /// codings and finished units that pass are kept below to be staged and published, and the
    /// in-memory maps above are updated as if they had been written, so later rows are checked
    /// against earlier ones exactly as in a write.
    var defersWrites = false
    /// Codings checked and ready to insert, in file order (ids are given when published).
    var pendingCodings: [CodingRecord] = []
    /// Units checked and ready to mark finished, in file order.
    var pendingDone: [(roundId: Int64, coder: String, unit: CodingUnit, origin: String)] = []
    /// Rounds whose first unit sets the kind of subject they code (see `RoundStore.claimSubject`).
    var claimedSubjects: [Int64: String] = [:]
    /// One encoder for every audit event of the write.
    let encoder = AuditLog.makeEncoder()
    /// One time for every row of the write (formatting a date for SQLite costs more than the insert).
    let now: Date
    let nowValue: DatabaseValue

    init() {
        // Whole milliseconds, as SQLite stores them, so a record's date equals the stored one.
        now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        nowValue = now.databaseValue
    }

    struct EvidenceKey: Hashable {
        var passageId: Int64
        var caseId: String
        var criterion: String
    }

    struct Existing {
        var direction: String
        var spanStart: Int?
        var spanEnd: Int?
    }

    func criterion(_ id: String, in version: CodebookVersionRecord) -> (criterion: Criterion, subject: SubjectKind?)? {
        let key = "\(version.id ?? 0)/\(id)"
        if let known = criteria[key] { return known }
        let codebook = version.definition
        let found = codebook.criterion(id).map { c in (c, codebook.dimensions.first { $0.criteria.contains { $0.id == c.id } }?.subject) }
        criteria[key] = .some(found)
        return found
    }

    func assignedUnits(roundId: Int64, coder: String, _ db: Database) throws -> Set<CodingUnit> {
        let key = "\(roundId)/\(coder)"
        if let units = assigned[key] { return units }
        var units = Set<CodingUnit>()
        let rows = try Row.fetchCursor(db, sql: "SELECT passage_id, case_id FROM assignment WHERE round_id = ? AND coder = ?",
                                       arguments: [roundId, coder])
        while let row = try rows.next() { units.insert(CodingUnit(passageId: row[0], caseId: row[1])) }
        assigned[key] = units
        return units
    }

    func liveCodings(roundId: Int64, coder: String, _ db: Database) throws -> [EvidenceKey: [Existing]] {
        let key = "\(roundId)/\(coder)"
        if let known = codings[key] { return known }
        var map: [EvidenceKey: [Existing]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT passage_id, case_id, criterion_id, direction, span_start, span_end FROM coding
            WHERE round_id = ? AND coder = ? AND retracted_at IS NULL
            """, arguments: [roundId, coder])
        while let row = try rows.next() {
            map[EvidenceKey(passageId: row[0], caseId: row[1], criterion: row[2]), default: []]
                .append(Existing(direction: row[3], spanStart: row[4], spanEnd: row[5]))
        }
        codings[key] = map
        return map
    }

    func doneUnits(roundId: Int64, coder: String, _ db: Database) throws -> Set<CodingUnit> {
        let key = "\(roundId)/\(coder)"
        if let units = done[key] { return units }
        var units = Set<CodingUnit>()
        let rows = try Row.fetchCursor(db, sql: "SELECT passage_id, case_id FROM unit_done WHERE round_id = ? AND coder = ?",
                                       arguments: [roundId, coder])
        while let row = try rows.next() { units.insert(CodingUnit(passageId: row[0], caseId: row[1])) }
        done[key] = units
        return units
    }
}
