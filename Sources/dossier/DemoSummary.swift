import Codebook
import ProjectStore
import Reconciliation
import Reports
import Weighing

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

    /// What weighing adds to the rules: a category the rules leave open that the weights lean on,
    /// where rules and weights disagree (at the default prior, or else at the prior where they would),
    /// and where the coders' own views differ enough to matter.
    static func weighing(_ reports: [WeighingReport]) -> String {
        let all = reports.flatMap { r in r.weighings.flatMap { w in w.hypotheses.map { (report: r, caseId: w.caseId, h: $0) } } }
        // Say where the numbers come from, as the weighing found them (never assumed).
        let priors = Set(all.map { $0.h.priorSource.hasPrefix("uniform") ? "prior 1/2" : "priors from the \($0.h.priorSource)" }).sorted()
        let sources = Set(all.flatMap { $0.h.items.map { $0.likelihoodSource == .codebook ? "the codebook's likelihoods" : "default likelihoods per evidence test" } }).sorted()
        var lines = ["Weighing the evidence (\((priors + sources).joined(separator: "; ")); `dossier weigh`):"]
        func items(_ h: HypothesisWeighing) -> String {
            h.countedItems.map { "\($0.criterion) \($0.reading.rawValue.replacingOccurrences(of: "_", with: " "))\($0.test.map { ", \($0.label)" } ?? "") \(WeighingReport.db($0.counted)) dB" }
                .joined(separator: "; ")
        }
        func notFound(_ h: HypothesisWeighing) -> [String] {
            h.unweighed.filter { $0.reason == HypothesisWeighing.Unweighed.notFound || $0.reason.hasPrefix("not found") }.map(\.criterion)
        }
        let p = HypothesisWeighing.format
        if let lean = all.filter({ $0.h.comparison == .rulesIndeterminate && $0.h.leaning != .even })
            .max(by: { abs($0.h.posteriorLogOdds) < abs($1.h.posteriorLogOdds) }) {
            lines.append("  rules undecided, weights lean: \(lean.caseId) \(lean.h.category) posterior \(p(lean.h.posterior)) (\(WeighingReport.db(lean.h.posteriorLogOdds)) dB) from \(items(lean.h)); the rule still needs \(notFound(lean.h).joined(separator: ", ")) (not found: unknown)")
        }
        if let d = all.first(where: { $0.h.comparison == .disagree }) {
            lines.append("  rules and weights disagree: \(d.caseId) \(d.h.category): \(d.h.comparisonText), from \(items(d.h))")
        } else {
            lines.append("  rules and weights disagree: nowhere at these priors (wherever the rules decide, the weights lean the same way).")
            // The decided category whose leaning the prior grid overturns at the highest prior: the weakest case for the rules' answer.
            let fragile = all.filter { $0.h.comparison == .agree && !$0.h.sensitivity.survivesPriorGrid }.compactMap { e -> (Double, Double, (report: WeighingReport, caseId: String, h: HypothesisWeighing))? in
                let flips = e.h.sensitivity.grid.filter { Leaning(posterior: $0.posterior) != e.h.leaning }
                let point = e.h.leaning == .hypothesis ? flips.max { $0.prior < $1.prior } : flips.min { $0.prior < $1.prior }
                return point.map { ($0.prior, $0.posterior, e) }
            }
            if let (prior, posterior, e) = fragile.max(by: { abs($0.0 - 0.5) > abs($1.0 - 0.5) }) {
                let weak = e.h.countedItems.allSatisfy { $0.reading == .supports && ($0.test == .hoop || $0.test == .strawInTheWind) }
                lines.append("  at prior \(p(prior)) they would: \(e.caseId) \(e.h.category), the rules say \(e.h.rules == .member ? "member" : "not a member"), the weights give \(p(posterior)): \(items(e.h)) add up to only \(WeighingReport.db(e.h.posteriorLogOdds - e.h.priorLogOdds)) dB\(weak ? " (passed hoop tests and straws in the wind confirm only weakly)" : "")")
            }
        }
        let spread = all.compactMap { e -> (Double, String)? in
            let views = e.report.coderPosteriors(e.caseId, e.h)
            guard views.count > 1, let lo = views.min(by: { $0.posterior < $1.posterior }), let hi = views.max(by: { $0.posterior < $1.posterior }),
                  Leaning(posterior: lo.posterior) != Leaning(posterior: hi.posterior) else { return nil }
            let who = views.map { "\($0.coder) \(p($0.posterior))" }.joined(separator: ", ")
            return (hi.posterior - lo.posterior, "  coders' views differ: \(e.caseId) \(e.h.category) \(who) before adjudication; \(p(e.h.posterior)) as decided")
        }
        if let widest = spread.max(by: { $0.0 < $1.0 }) { lines.append(widest.1) }
        return lines.joined(separator: "\n")
    }
}
