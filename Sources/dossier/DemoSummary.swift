import Codebook
import ProjectStore
import Reconciliation

/// The short summary `dossier demo` prints: reliability highlights and the derived classifications.
enum DemoSummary {
    static func render(data: RoundData, reliability r: ReliabilityResult, classifications: [CaseClassification]) -> String {
        var lines: [String] = []
        let defined = r.criteria.filter { $0.alpha != nil }
        let verdicts = Dictionary(grouping: r.criteria, by: \.verdict).mapValues(\.count)
        lines.append("Reliability (round \(data.round.name), \(r.units.count) units, coders \(r.coders.joined(separator: ", "))):")
        lines.append("  " + ReliabilityVerdict.allCases.map { "\(verdicts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + " criteria")
        for c in defined.sorted(by: { $0.alpha! < $1.alpha! }).prefix(4) {
            lines.append("  weakest: \(c.criterion) alpha \(fmt(c.alpha) ?? "—") [\(fmt(c.alphaLow) ?? "—"), \(fmt(c.alphaHigh) ?? "—")], AC1 \(fmt(c.ac1) ?? "—")")
        }
        let disagreements = data.disagreements()
        let open = disagreements.filter { $0.1 == nil }.count
        lines.append("Disagreements: \(disagreements.count), adjudicated \(data.adjudications.count), open \(open).")
        lines.append("Classifications (with adjudications):")
        for c in classifications {
            let parts = c.classifications.map { k in "\(k.dimension): \(k.members.isEmpty ? k.verdict.rawValue : k.members.joined(separator: "+"))" }
            lines.append("  \(c.caseId.padding(toLength: 18, withPad: " ", startingAt: 0)) \(parts.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }

    /// The evidence model at work: a criterion refuted by counter-evidence, and a category left
    /// indeterminate because criteria that would decide it were not found (unknown, never false).
    static func evidence(_ classifications: [CaseClassification], codebook: Codebook) -> String {
        var lines = ["Evidence for and against:"]
        for c in classifications {
            for r in c.criteria where !r.contradicting.isEmpty {
                lines.append("  counter-evidence: \(c.caseId) \(r.criterion) \(r.status.label) (\(r.reason))")
            }
        }
        // A dimension with no answer (indeterminate), and in it a category that criteria not found would decide.
        let open = classifications.flatMap { c in
            let undecided = Set(c.classifications.filter { $0.members.isEmpty && $0.verdict == .indeterminate }.map(\.dimension))
            return c.explanations(codebook: codebook).filter { e in
                undecided.contains(e.dimension) && e.membership == .indeterminate
                    && e.criteria.contains { $0.status == .notFound && e.wouldDecide.contains($0.criterion) }
            }.map { (c.caseId, $0) }
        }
        for (caseId, e) in open.prefix(1) {
            let notFound = e.criteria.filter { $0.status == .notFound && e.wouldDecide.contains($0.criterion) }.map(\.criterion)
            lines.append("  left open: \(caseId) \(e.category) indeterminate; \(notFound.joined(separator: ", ")) not found (unknown, not false) — rule \(e.rule)")
        }
        return lines.joined(separator: "\n")
    }

    /// Pivotal states coded at their own level (an actor in an operation): agreement on the
    /// pivotal-state criteria, each subject's classification with its reasons, and where the
    /// register's hand-typed pivotal states disagree with the evidence.
    static func pivotal(data: RoundData, reliability r: ReliabilityResult, classifications: [CaseClassification],
                        disagreements: [RegisterDisagreement]) -> String {
        let codebook = data.codebook.definition
        let criteria = Set(codebook.dimensions.filter { $0.subject == .operationActor }.flatMap { $0.criteria.map(\.id) })
        var lines = ["Pivotal states (round \(data.round.name), operation × actor, \(r.units.count) units, coders \(r.coders.joined(separator: ", "))):"]
        for c in r.criteria where criteria.contains(c.criterion) {
            lines.append("  \(c.criterion): agreement \(fmt(c.percentAgreement) ?? "—"), alpha \(fmt(c.alpha) ?? "undefined") (\(c.verdict.rawValue))")
        }
        for c in classifications {
            for e in c.explanations(codebook: codebook) {
                lines.append("  \(c.caseId.padding(toLength: 18, withPad: " ", startingAt: 0)) \(e.summary)")
                for line in e.criteria { lines.append("      \(line.criterion): \(line.reason)") }
            }
        }
        lines.append(disagreements.isEmpty
            ? "  Register cross-check: the register's pivotal_states agree with the evidence."
            : "  Register cross-check:")
        for d in disagreements { lines.append("    \(d.line)") }
        return lines.joined(separator: "\n")
    }
}
