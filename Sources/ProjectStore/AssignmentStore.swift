import Agreement
import Foundation
import GRDB

/// Which units (passage × case) each coder codes in a round, and in what order.
public struct AssignmentStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Assigns units to coders. In a reliability (blind) round every coder gets the same units; in
    /// other rounds the units are dealt out in turn. With `fraction`, a seeded random sample of the
    /// candidate units is drawn first, so the same seed always gives the same sample.
    @discardableResult
    public func assign(round name: String, coders handles: [String], units candidates: [CodingUnit],
                       method: String, query: String? = nil, documentIds: [Int64]? = nil,
                       fraction: Double? = nil, seed: UInt64? = nil, by viewer: Viewer = .anonymous) throws -> SampleDescription {
        guard !handles.isEmpty else { throw CodingError.invalid("give at least one coder with --coders.") }
        if let fraction, !(fraction > 0 && fraction <= 1) {
            throw CodingError.invalid("--sample must be a fraction between 0 and 1 (e.g. 0.2), not \(fraction).")
        }
        return try database.writer.write { db in
            let manager = try AccessPolicy.requireManager(viewer, to: "assign units", db)
            var round = try RoundStore.round(name, db)
            guard round.isOpen else { throw CodingError.roundClosed(name) }
            for caseId in Set(candidates.map(\.caseId)).sorted() {
                let subject = try String.fetchOne(db, sql: "SELECT subject FROM coalition_case WHERE id = ?", arguments: [caseId]) ?? "case"
                try RoundStore.claimSubject(&round, subject: subject, caseId: caseId, db)
            }
            for handle in handles { _ = try CodingStore(database: database).coder(handle, db) }
            if round.blind && handles.count < 2 {
                throw CodingError.invalid("a reliability round needs at least two coders coding the same units.")
            }
            let population = Array(Set(candidates)).sorted { ($0.passageId, $0.caseId) < ($1.passageId, $1.caseId) }
            var chosen = population
            if let fraction {
                var rng = SplitMix64(seed: seed ?? 1)
                var shuffled = population
                for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(i + 1))
                    shuffled.swapAt(i, j)
                }
                let n = max(1, Int((Double(population.count) * fraction).rounded(.up)))
                chosen = Array(shuffled.prefix(n)).sorted { ($0.passageId, $0.caseId) < ($1.passageId, $1.caseId) }
            }
            guard !chosen.isEmpty else { throw CodingError.invalid("no passages match; nothing to assign.") }
            // A unit is new when one of the coders it would go to does not have it yet; in a round
            // that deals units out in turn, when nobody has it. Running the same assignment again adds nothing.
            let existing = try Row.fetchAll(db, sql: "SELECT coder, passage_id, case_id FROM assignment WHERE round_id = ?",
                                            arguments: [round.id])
            var holders: [CodingUnit: Set<String>] = [:]
            for row in existing { holders[CodingUnit(passageId: row["passage_id"], caseId: row["case_id"]), default: []].insert(row["coder"]) }
            let fresh = chosen.filter { unit in
                round.blind ? !Set(handles).isSubset(of: holders[unit] ?? []) : holders[unit] == nil
            }
            var position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) + 1 FROM assignment WHERE round_id = ?",
                                            arguments: [round.id]) ?? 0
            for (i, unit) in fresh.enumerated() {
                let targets = round.blind ? handles : [handles[i % handles.count]]
                for handle in targets where !(holders[unit]?.contains(handle) ?? false) {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO assignment (round_id, coder, passage_id, case_id, position)
                        VALUES (?, ?, ?, ?, ?)
                        """, arguments: [round.id, handle, unit.passageId, unit.caseId, position])
                }
                position += 1
            }
            var added = SampleDescription(method: method, caseIds: Array(Set(chosen.map(\.caseId))).sorted(),
                                          query: query, documentIds: documentIds, population: population.count,
                                          fraction: fraction, seed: fraction == nil ? nil : (seed ?? 1),
                                          units: chosen.count, coders: handles)
            guard !fresh.isEmpty else {
                added.newUnits = 0
                added.alreadyAssigned = chosen.count
                return added
            }
            let previous = round.sample
            // Several assignments to one round add up: the round's sample describes all of them,
            // and the same draw made again (same method, query, cases, fraction, seed) counts once.
            var draw = added
            draw.units = fresh.count
            round.sample = previous.map { $0.merged(with: draw) } ?? draw
            // Units in the sample: distinct units assigned in the round, however many coders have each.
            round.sample?.units = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT DISTINCT passage_id, case_id FROM assignment WHERE round_id = ?)
                """, arguments: [round.id]) ?? draw.units
            try round.update(db)
            try AuditLog.record(db, who: manager, action: "assign", entity: "round", id: round.name, roundId: round.id,
                                detail: draw, previous: previous)
            added.newUnits = fresh.count
            added.alreadyAssigned = chosen.count - fresh.count
            return added
        }
    }

    /// A coder's queue as `viewer` may see it: your own always; another coder's only as a lead or
    /// adjudicator (progress, not content), or in a round that is not blind and open.
    public func queue(round name: String, coder handle: String, as viewer: Viewer) throws -> [(unit: CodingUnit, done: Bool)] {
        try database.writer.read { db in
            let round = try RoundStore.round(name, db)
            _ = try CodingStore(database: database).coder(handle, db)
            if viewer.handle != handle, AccessPolicy.isBlindNow(round) {
                let me = try AccessPolicy.who(viewer, db)
                guard let me else { throw CodingError.blindNeedsViewer(round: round.name) }
                guard me.role == .lead || me.role == .adjudicator else { throw CodingError.blind(round: round.name, viewer: me.handle) }
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.passage_id, a.case_id, d.done_at IS NOT NULL AS done
                FROM assignment a
                LEFT JOIN unit_done d ON d.round_id = a.round_id AND d.coder = a.coder
                     AND d.passage_id = a.passage_id AND d.case_id = a.case_id
                WHERE a.round_id = ? AND a.coder = ?
                ORDER BY a.position, a.passage_id
                """, arguments: [round.id, handle])
            return rows.map { (CodingUnit(passageId: $0["passage_id"], caseId: $0["case_id"]), $0["done"]) }
        }
    }

    /// Per coder with assignments in a round: units assigned and finished, in handle order.
    static func progress(roundId: Int64, _ db: Database) throws -> [(coder: String, assigned: Int, finished: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT a.coder, COUNT(*) AS assigned, COUNT(d.done_at) AS finished
            FROM assignment a LEFT JOIN unit_done d ON d.round_id = a.round_id AND d.coder = a.coder
                 AND d.passage_id = a.passage_id AND d.case_id = a.case_id
            WHERE a.round_id = ? GROUP BY a.coder ORDER BY a.coder
            """, arguments: [roundId]).map { ($0["coder"], $0["assigned"], $0["finished"]) }
    }
}
