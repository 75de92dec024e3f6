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
}
