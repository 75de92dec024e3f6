import Codebook
import Foundation
import GRDB
import Reconciliation

/// Everything reconciliation needs about one round, read from the project: the blind codings of
/// finished units (one entry per coder and unit), the adjudications, and what each unit points at.
public struct RoundData: Sendable {
    public var round: RoundRecord
    public var codebook: CodebookVersionRecord
    /// One per coder per finished unit: what the coder tagged present (everything else is absent).
    public var codings: [CoderUnitCoding]
    public var adjudications: [Adjudication]
    /// Cases with assigned units in the round, coded or not.
    public var cases: [String]
    /// What each case of the round is: a recipient case or an operation-actor pair.
    public var subjects: [String: SubjectKind] = [:]
    /// Searches the lead recorded for cases in this round (`dossier case coverage`).
    public var coverage: [String: [CaseCoverage]] = [:]

    /// What a caller needs of a round.
    public enum Need: Sendable {
        /// What the viewer may see: in an open blind round, only their own work.
        case visible
        /// Every coder's work (agreement, disagreements, reports): refused while the round is blind and open.
        case wholeRound
    }

    /// Set when the data holds only this coder's own work (an open blind round).
    public var onlyCoder: String?
    /// Closings and reopenings of the round, oldest first.
    public var history: [RoundEvent] = []
    /// Decisions taken where the coders agreed (empty while the viewer sees only their own work).
    public var overrides: [AdjudicationStore.Override] = []
    /// Codings of finished units that name the register payment they document (`payment` attribute).
    public var paymentReferences: [PaymentReference] = []

    /// Loads a round as `viewer` may see it (see ``AccessPolicy``). Reliability is always computed
    /// from these coders' own blind codings; adjudications are returned separately and never alter them.
    public static func load(_ database: ProjectDatabase, round name: String, as viewer: Viewer = .anonymous,
                            need: Need = .wholeRound) throws -> RoundData {
        try database.writer.read { db in
            let round = try CodingStore(database: database).round(name, db)
            var only: String?
            switch need {
            case .wholeRound: try AccessPolicy.requireWholeRound(round, for: viewer, db)
            case .visible:
                if case .onlyOwn(let handle) = try AccessPolicy.scope(of: round, for: viewer, db) { only = handle }
            }
            let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
            let done = try Row.fetchAll(db, sql: """
                SELECT u.coder, u.passage_id, u.case_id, LENGTH(p.text) AS length
                FROM unit_done u JOIN passage p ON p.id = u.passage_id
                WHERE u.round_id = ?1 AND (?2 IS NULL OR u.coder = ?2) ORDER BY u.passage_id, u.case_id, u.coder
                """, arguments: [round.id, only])
            var request = CodingRecord.filter(Column("round_id") == round.id! && Column("retracted_at") == nil)
            if let only { request = request.filter(Column("coder") == only) }
            let tags = try request.fetchAll(db)
            let tagsByUnit = Dictionary(grouping: tags) { "\($0.coder)|\($0.passageId)|\($0.caseId)" }
            // A tag without a span gets no span here: for unitizing alpha it is missing (Reconciliation
            // leaves that passage out for the criterion), never the whole passage.
            let codings = done.map { row -> CoderUnitCoding in
                let coder: String = row["coder"], passage: Int64 = row["passage_id"], caseId: String = row["case_id"]
                // SQLite's LENGTH of a text is its count of Unicode scalars, as offsets are counted.
                let length: Int = row["length"]
                let mine = tagsByUnit["\(coder)|\(passage)|\(caseId)"] ?? []
                var spans: [String: [Range<Int>]] = [:]
                var notes: [String: String] = [:]
                for tag in mine {
                    if let s = tag.spanStart, let e = tag.spanEnd {
                        spans[tag.criterionId, default: []].append(s..<e)
                    }
                    if let note = tag.note, !note.isEmpty {
                        notes[tag.criterionId] = notes[tag.criterionId].map { "\($0) / \(note)" } ?? note
                    }
                }
                return CoderUnitCoding(unit: UnitKey(passageId: passage, caseId: caseId), coder: coder,
                                       present: Set(mine.filter { $0.direction == .supports }.map(\.criterionId)), spans: spans,
                                       passageLength: length, notes: notes,
                                       contradicting: Set(mine.filter { $0.direction == .contradicts }.map(\.criterionId)))
            }
            let finished = Set(done.map { row -> String in
                let coder: String = row["coder"], passage: Int64 = row["passage_id"], caseId: String = row["case_id"]
                return "\(coder)|\(passage)|\(caseId)"
            })
            let references = tags.compactMap { tag -> PaymentReference? in
                guard let payment = tag.attributes["payment"], finished.contains("\(tag.coder)|\(tag.passageId)|\(tag.caseId)") else { return nil }
                return PaymentReference(caseId: tag.caseId, passageId: tag.passageId, coder: tag.coder, criterion: tag.criterionId,
                                        direction: tag.direction, payment: payment)
            }
            let adjudications = only == nil ? try AdjudicationStore.adjudications(roundId: round.id!, db) : []
            let cases = try String.fetchAll(db, sql: """
                SELECT DISTINCT case_id FROM assignment WHERE round_id = ?1 AND (?2 IS NULL OR coder = ?2) ORDER BY case_id
                """, arguments: [round.id, only])
            let subjects = try Row.fetchAll(db, sql: """
                SELECT id, subject FROM coalition_case WHERE id IN (SELECT case_id FROM assignment WHERE round_id = ?1
                                                                 UNION SELECT case_id FROM unit_done WHERE round_id = ?1)
                """, arguments: [round.id]).reduce(into: [String: SubjectKind]()) {
                $0[$1["id"]] = SubjectKind(rawValue: $1["subject"]) ?? .coalitionCase
            }
            let coverage = Dictionary(grouping: try CoverageStore.coverage(roundId: round.id!, roundName: round.name, db), by: \.caseId)
            return RoundData(round: round, codebook: codebook, codings: codings, adjudications: adjudications, cases: cases,
                             subjects: subjects, coverage: coverage, onlyCoder: only,
                             history: try RoundStore.history(roundId: round.id!, db),
                             overrides: only == nil ? try AdjudicationStore.overrides(roundId: round.id!, db) : [],
                             paymentReferences: references)
        }
    }

    /// Reliability per criterion and category, from the coders' blind codings only.
    /// A round coding pivotal states (operation-actor subjects) is assessed on the pivotal-state
    /// criteria and categories only, a round coding recipient cases on theirs: a criterion that
    /// cannot apply to a unit would only add agreement on "no tag".
    public func reliability(bootstrap: Int = 1000, seed: UInt64 = 1) throws -> ReliabilityResult {
        let definition = assessedCodebook
        return try ReliabilityResult(ReliabilityRequest(criteria: definition.allCriteria.map(\.id), codings: codings,
                                                        bootstrapReplicates: bootstrap, seed: seed,
                                                        thresholds: ReliabilityThresholds(codebook: codebook.definition)),
                                     codebook: definition)
    }

    /// The codebook's dimensions for the kinds of subject this round codes (all of them when it has no codings).
    public var assessedCodebook: Codebook {
        let kinds = Set(codings.map { subjects[$0.unit.caseId] ?? .coalitionCase })
        var definition = codebook.definition
        if !kinds.isEmpty { definition.dimensions = definition.dimensions.filter { kinds.contains($0.subject) } }
        return definition
    }

    /// Each case's criterion statuses and category memberships, with adjudications applied.
    public func classifications(caseId: String? = nil) throws -> [CaseClassification] {
        let all = try CaseClassification.classify(codebook: codebook.definition, codings: codings,
                                                  adjudications: adjudications, cases: cases, subjects: subjects,
                                                  coverage: coverage)
        return caseId.map { id in all.filter { $0.caseId == id } } ?? all
    }

    /// Undecided disagreements whose resolution changes a case's categories, by case.
    public func decisiveDisagreements() throws -> [DecisiveDisagreement] {
        try DecisiveDisagreement.find(codebook: codebook.definition, codings: codings, adjudications: adjudications,
                                      subjects: subjects, coverage: coverage)
    }

    /// Disagreements between coders, with the decision taken on each, if any.
    public func disagreements() -> [(Disagreement, Adjudication?)] {
        let latest = Dictionary(adjudications.map { ("\($0.unit)|\($0.criterion)", $0) }, uniquingKeysWith: { a, b in
            a.decidedAt <= b.decidedAt ? b : a
        })
        return Reconciliation.disagreements(in: codings, criteria: codebook.definition.allCriteria.map(\.id))
            .map { ($0, latest["\($0.unit)|\($0.criterion)"]) }
    }
}
