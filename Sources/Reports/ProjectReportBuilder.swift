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
    ///
    /// The passages, documents and quotes behind the evidence are read in three queries for the
    /// whole report, and each passage's citation is made once, so the time grows with the number of
    /// evidence items, not with it times the size of the coding table.
    public func caseReports(_ classifications: [CaseClassification], codebook: Codebook) throws -> [CaseReport] {
        let register = try RegisterStore(database: database).register()
        let labels = Dictionary(codebook.allCriteria.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let passageIds = Set(classifications.flatMap { $0.evidence.map(\.unit.unit.passageId) })
        let sources = try evidenceSources(passageIds)
        let quotes = try quotes(passageIds)
        return try classifications.map { classification in
            let c = register.coalitionCase(classification.caseId)
            let evidence = try classification.evidence.map { item -> EvidenceItem in
                let id = item.unit.unit.passageId
                guard let source = sources[id] else { throw StoreError.notFound(kind: "passage", id: String(id)) }
                // Only the spans of the coders whose codings stand behind this item: in an open blind
                // round that is the viewer alone, so nobody else's marked text can leak into an excerpt.
                let coders = Set(item.unit.values.filter { $0.value != .untagged }.keys)
                let quote = Self.quote(quotes[QuoteKey(passageId: id, caseId: classification.caseId, criterion: item.criterion)] ?? [],
                                       coders: coders)
                return EvidenceItem(caseId: classification.caseId, criterion: item.criterion,
                                    criterionLabel: labels[item.criterion] ?? item.criterion, unit: item.unit,
                                    excerpt: quote ?? source.passage.text, citation: source.citation, page: source.passage.page,
                                    editorial: source.editorial)
            }
            return CaseReport(caseId: classification.caseId, recipient: c.flatMap { register.actor($0.recipient)?.name },
                              operation: c.flatMap { register.operation($0.operation)?.name },
                              classification: classification, evidence: evidence)
        }
    }

    /// A passage behind evidence, with what every item citing it shows.
    private struct EvidenceSource {
        var passage: PassageRecord
        var citation: String
        var editorial: String?
    }

    /// The passages with these ids, each with its document's citation and editorial label.
    private func evidenceSources(_ ids: Set<Int64>) throws -> [Int64: EvidenceSource] {
        guard !ids.isEmpty else { return [:] }
        return try DocumentCatalog(database: database).passages(ids: ids).mapValues { found in
            EvidenceSource(passage: found.passage, citation: Citation(document: found.document, passage: found.passage).chicago,
                           editorial: Editorial.label(found.passage, in: found.document))
        }
    }

    private struct QuoteKey: Hashable {
        var passageId: Int64
        var caseId: String
        var criterion: String
    }

    private struct MarkedQuote {
        var coder: String
        var quote: String
        var spanStart: Int?
    }

    /// Every active quoted span in these passages (any round), by passage, case and criterion, in
    /// the order of their spans.
    private func quotes(_ passageIds: Set<Int64>) throws -> [QuoteKey: [MarkedQuote]] {
        guard !passageIds.isEmpty else { return [:] }
        return try database.writer.read { db in
            var quotes: [QuoteKey: [MarkedQuote]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT passage_id, case_id, criterion_id, coder, quote, span_start FROM coding
                WHERE passage_id IN (SELECT value FROM json_each(?)) AND quote IS NOT NULL AND retracted_at IS NULL
                ORDER BY span_start, id
                """, arguments: [Self.jsonList(passageIds)])
            while let row = try rows.next() {
                quotes[QuoteKey(passageId: row["passage_id"], caseId: row["case_id"], criterion: row["criterion_id"]), default: []]
                    .append(MarkedQuote(coder: row["coder"], quote: row["quote"], spanStart: row["span_start"]))
            }
            return quotes
        }
    }

    /// The distinct spans `coders` quoted, in span order, joined; nil when none was marked.
    private static func quote(_ marked: [MarkedQuote], coders: Set<String>) -> String? {
        var seen = Set<String>()
        let texts = marked.filter { coders.contains($0.coder) && seen.insert($0.quote).inserted }.map { "“\($0.quote)”" }
        return texts.isEmpty ? nil : texts.joined(separator: " … ")
    }

    /// A JSON array of ids, for `json_each` (one bound parameter however many ids).
    private static func jsonList(_ ids: Set<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
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
