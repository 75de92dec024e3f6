import Codebook
import Foundation
import GRDB
import ProjectStore
import Reconciliation

/// Assembles report inputs from a project: case reports with each established criterion's
/// passages, quotes, notes and full citations, and the reliability report of a round.
public struct ProjectReportBuilder: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// One report per classified case, with the evidence trail behind every established criterion.
    public func caseReports(_ classifications: [CaseClassification], codebook: Codebook) throws -> [CaseReport] {
        let catalog = DocumentCatalog(database: database)
        let register = try RegisterStore(database: database).register()
        let labels = Dictionary(codebook.allCriteria.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        var cache: [Int64: (PassageRecord, DocumentRecord)] = [:]
        return try classifications.map { classification in
            let c = register.coalitionCase(classification.caseId)
            let evidence = try classification.evidence.map { item -> EvidenceItem in
                let id = item.unit.unit.passageId
                if cache[id] == nil { cache[id] = try catalog.passage(id: id) }
                let (passage, document) = cache[id]!
                // Only the spans of the coders whose codings stand behind this item: in an open blind
                // round that is the viewer alone, so nobody else's marked text can leak into an excerpt.
                let coders = item.unit.values.filter { $0.value != .untagged }.keys.sorted()
                let quote = try quotes(passageId: id, caseId: classification.caseId, criterion: item.criterion, coders: coders)
                let citation = Citation(document: document, passage: passage)
                return EvidenceItem(caseId: classification.caseId, criterion: item.criterion,
                                    criterionLabel: labels[item.criterion] ?? item.criterion, unit: item.unit,
                                    excerpt: quote ?? passage.text, citation: citation.chicago, page: passage.page,
                                    editorial: Editorial.label(passage, in: document))
            }
            return CaseReport(caseId: classification.caseId, recipient: c.flatMap { register.actor($0.recipient)?.name },
                              operation: c.flatMap { register.operation($0.operation)?.name },
                              classification: classification, evidence: evidence)
        }
    }

    /// The exact spans `coders` quoted for a criterion in a passage, joined; nil when none was marked.
    private func quotes(passageId: Int64, caseId: String, criterion: String, coders: [String]) throws -> String? {
        guard !coders.isEmpty else { return nil }
        let quotes = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT quote FROM coding WHERE passage_id = ? AND case_id = ? AND criterion_id = ?
                AND coder IN (\(databaseQuestionMarks(count: coders.count)))
                AND quote IS NOT NULL AND retracted_at IS NULL ORDER BY span_start
                """, arguments: StatementArguments([passageId, caseId, criterion] as [any DatabaseValueConvertible]) + StatementArguments(coders))
        }
        return quotes.isEmpty ? nil : quotes.map { "“\($0)”" }.joined(separator: " … ")
    }

    /// The training and pilot rounds under the same codebook (by id), other than `data`'s own, in
    /// the order they were created, each with its results; an open blind round is listed without them.
    func trainingRounds(besides data: RoundData, viewer: Viewer, bootstrap: Int, seed: UInt64) throws -> [ReliabilityReport.TrainingRound] {
        let rounds = try CodingStore(database: database).rounds()
            .filter { ($0.purpose == .training || $0.purpose == .pilot) && $0.name != data.round.name }
            .sorted { $0.createdAt < $1.createdAt }
        return try rounds.compactMap { round in
            if round.isOpen && round.blind {
                return .init(name: round.name, purpose: round.purpose.rawValue, status: round.status, units: 0, coders: [],
                             results: "still open (blind): results once it is closed")
            }
            let other = try RoundData.load(database, round: round.name, as: viewer)
            guard other.codebook.definition.id == data.codebook.definition.id else { return nil }
            do {
                let r = try other.reliability(bootstrap: bootstrap, seed: seed)
                return .init(name: round.name, purpose: round.purpose.rawValue, status: round.status, units: r.units.count,
                             coders: r.coders, results: ReliabilityReport.TrainingRound.summary(r)
                                + (other.codebook.definition.version != data.codebook.definition.version
                                   ? " (codebook \(other.codebook.definition.version))" : ""))
            } catch {
                let coders = Array(Set(other.codings.map(\.coder))).sorted()
                return .init(name: round.name, purpose: round.purpose.rawValue, status: round.status, units: 0, coders: coders,
                             results: "no unit finished by two coders: no reliability figures")
            }
        }
    }

    /// The full reliability report of a round.
    public func reliabilityReport(_ data: RoundData, reliability: ReliabilityResult, project: String,
                                  title: String? = nil, viewer: Viewer = .anonymous, bootstrap: Int = 1000,
                                  seed: UInt64 = 1) throws -> ReliabilityReport {
        let classifications = try data.classifications()
        let cases = try caseReports(classifications, codebook: data.codebook.definition)
        let sample = data.round.sample
        let description = sample.map { s in
            var text = "Units (passage × case) drawn by \(s.method)"
            if let q = s.query { text += " for the query \"\(q)\"" }
            text += " for \(s.caseIds.count) case(s): \(s.caseIds.joined(separator: ", "))."
            if let f = s.fraction { text += " A seeded random sample of \(Int((f * 100).rounded()))% (seed \(s.seed ?? 1))." }
            text += " Every coder coded the same units blind; reliability uses units at least two coders finished."
            return text
        }
        let resolution = ResolutionCounts(disagreements: data.disagreements().map(\.0), adjudications: data.adjudications)
        var codebook = data.codebook.definition
        codebook.contentHash = data.codebook.contentHash
        var report = ReliabilityReport(
            title: title ?? "Reliability report: round \(data.round.name)", project: project,
            round: .init(name: data.round.name, purpose: data.round.purpose.rawValue),
            codebook: codebook,
            sample: .init(method: sample?.method ?? "assignment", seed: sample?.seed, fraction: sample?.fraction,
                          population: sample?.population, units: reliability.units.count, description: description),
            reliability: reliability, resolution: resolution, cases: cases,
            generatedAt: ISO8601DateFormatter().string(from: Date()))
        report.codingAmounts = Dictionary(grouping: data.codings, by: \.coder).mapValues(\.count)
        let store = CodingStore(database: database)
        for coder in try store.coders() where reliability.coders.contains(coder.handle) {
            report.coderDetails[coder.handle] = (coder.name, coder.role.rawValue)
        }
        report.trainingRounds = try trainingRounds(besides: data, viewer: viewer, bootstrap: bootstrap, seed: seed)
        report.decisiveDisagreements = try data.decisiveDisagreements()
        report.roundHistory = data.history.filter { $0.forced || $0.action == .reopen }.map(\.sentence)
        if let reopened = data.history.last(where: { $0.action == .reopen }) {
            report.roundHistory.append("These figures were computed after the round was reopened on \(ISO8601DateFormatter().string(from: reopened.at)).")
        }
        report.roundHistory += data.overrides.map(\.sentence)
        return report
    }
}
