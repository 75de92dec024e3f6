import Codebook

/// Where a case stands once coders' codings and adjudications are reconciled: each criterion's
/// status, the categories the codebook's rules derive from them, and the evidence trail.
///
/// Categories of a dimension may overlap, and a dimension's answer may be "none" (certainly in no
/// category) or "indeterminate" (it depends on contested or uncoded criteria): see
/// `Classification.verdict`.
public struct CaseClassification: Sendable, Hashable, Codable {
    /// The case id.
    public var caseId: String
    /// Every criterion, in codebook order.
    public var criteria: [CriterionResolution]
    /// One classification per dimension, in codebook order.
    public var classifications: [Classification]

    public init(caseId: String, criteria: [CriterionResolution], classifications: [Classification]) {
        self.caseId = caseId
        self.criteria = criteria
        self.classifications = classifications
    }

    /// Status per criterion id, as the codebook's rules read it.
    public var statuses: [String: CriterionStatus] {
        Dictionary(uniqueKeysWithValues: criteria.map { ($0.criterion, $0.status) })
    }

    /// The status of one criterion (not found if unknown).
    public func status(of criterion: String) -> CriterionStatus {
        criteria.first { $0.criterion == criterion }?.status ?? .notFound
    }

    /// Every unit that stands as evidence for or against a criterion, criterion by criterion in
    /// codebook order: the passages behind established, refuted and contested criteria.
    public var evidence: [(criterion: String, unit: UnitResolution)] {
        criteria.flatMap { c in c.units.filter { $0.standing == .supports || $0.standing == .contradicts }.map { (c.criterion, $0) } }
    }

    /// Categories the case certainly belongs to, over all dimensions.
    public var members: [String] { classifications.flatMap(\.members) }

    /// Reconciles codings and adjudications case by case.
    ///
    /// - Parameters:
    ///   - codebook: Supplies the decision rules.
    ///   - criteria: Criterion ids to resolve, in order; defaults to every criterion of the codebook.
    ///   - codings: Every finished coding (single-coded units count: one coder is all its coders).
    ///   - adjudications: Decisions; the latest per unit and criterion stands, and it overrides the coders.
    ///   - cases: Cases to include even if nobody has finished a unit of them (all not found).
    ///   - subjects: What each case id is (a recipient case or an operation-actor pair); only the
    ///     dimensions for that subject classify it. Missing ids are recipient cases.
    ///   - coverage: Recorded searches per case; a full one lets `absence_is_evidence` criteria
    ///     that were not found count as refuted.
    /// - Returns: One classification per case, sorted by case id.
    public static func classify(codebook: Codebook, criteria: [String]? = nil, codings: [CoderUnitCoding],
                                adjudications: [Adjudication] = [], cases: [String] = [],
                                subjects: [String: SubjectKind] = [:],
                                coverage: [String: [CaseCoverage]] = [:]) throws(ReconciliationError) -> [CaseClassification] {
        let ids = criteria ?? codebook.allCriteria.map(\.id)
        let index = try CodingIndex(codings, criteria: ids)
        let decisions = Adjudication.latest(adjudications)
        let unitsByCase = Dictionary(grouping: index.units, by: \.caseId)
        let allCases = Set(unitsByCase.keys).union(cases).sorted()
        let absenceCounts = Set(codebook.allCriteria.filter(\.absenceIsEvidence).map(\.id))
        // The same few sets of coders agree on unit after unit: one shared array for each
        // (a round of 200,000 codings made 600,000 resolutions, each with its own copy, some
        // 230 MB of a report's peak).
        var coderSets: [[String]: [String]] = [:]
        // Likewise the coders' values: a handful of combinations, shared rather than copied.
        var valueSets: [[String: EvidenceValue]: [String: EvidenceValue]] = [:]
        return allCases.map { caseId in
            let units = unitsByCase[caseId] ?? []
            let subject = subjects[caseId] ?? .coalitionCase
            // The latest full search of the case, if any, is what a `not found` may rest on.
            let fullSearch = (coverage[caseId] ?? []).filter(\.isFull).max { $0.recordedAt < $1.recordedAt }
            let resolutions = ids.map { id in
                let unitResolutions = units.map { unit in
                    let finished = index.codings[unit]!
                    let made = finished.mapValues { $0.value(of: id) }
                    let values: [String: EvidenceValue]
                    if let shared = valueSets[made] { values = shared } else { valueSets[made] = made; values = made }
                    // Most units carry no note: no dictionary is made for them.
                    let notes = finished.values.contains { !($0.notes[id] ?? "").isEmpty }
                        ? finished.compactMapValues { $0.notes[id].flatMap { $0.isEmpty ? nil : $0 } } : [:]
                    let basis: ResolutionBasis
                    if let decision = decisions[.init(unit: unit, criterion: id)] {
                        basis = .adjudication(decision)
                    } else if let first = values.values.first, values.values.allSatisfy({ $0 == first }) {
                        let coders = values.keys.sorted()
                        if let shared = coderSets[coders] {
                            basis = .agreement(coders: shared)
                        } else {
                            coderSets[coders] = coders
                            basis = .agreement(coders: coders)
                        }
                    } else {
                        basis = .open
                    }
                    return UnitResolution(unit: unit, values: values, notes: notes, basis: basis)
                }
                var resolution = CriterionResolution(criterion: id, status: CriterionResolution.status(of: unitResolutions),
                                                     units: unitResolutions)
                if resolution.status == .notFound, absenceCounts.contains(id), let fullSearch {
                    resolution.status = .refuted
                    resolution.inferredFrom = fullSearch
                }
                return resolution
            }
            let statuses = Dictionary(uniqueKeysWithValues: resolutions.map { ($0.criterion, $0.status) })
            return CaseClassification(caseId: caseId, criteria: resolutions,
                                      classifications: codebook.classify(statuses: statuses, subject: subject))
        }
    }
}
