import Foundation
import Codebook
import Reconciliation

/// Renders a ``ReliabilityReport`` as Markdown (GitHub-flavoured tables), with the same content as
/// ``HTMLReport`` except the chart. Undefined values print as "—".
public enum MarkdownReport {
    /// The whole document. Evidence is summarised as in ``HTMLReport`` (beyond
    /// ``HTMLReport/inlineEvidenceLimit`` items, each case's first
    /// ``HTMLReport/summaryItemsPerCase``), pointing to `evidenceFile` for the rest.
    public static func render(_ report: ReliabilityReport, evidenceFile: String? = nil) -> String {
        let c = ReportFormat.cell
        let n = ReportFormat.number
        var m = "# \(c(report.title))\n\n"
        let cb = report.codebook
        var meta = [("Project", c(report.project)), ("Round", c(report.round.name))]
        if let p = report.round.purpose { meta.append(("Purpose", c(p))) }
        meta.append(("Codebook", "`\(c(cb.id))` version \(c(cb.version))" + (cb.title.map { " (\(c($0)))" } ?? "")))
        meta.append(("Codebook hash", cb.contentHash.map { "`\(c($0))`" } ?? ReportFormat.undefined))
        meta.append(("Coders", report.coders.isEmpty ? ReportFormat.undefined : c(report.coders.joined(separator: ", "))))
        if let g = report.generatedAt { meta.append(("Generated", c(g))) }
        m += meta.map { "- **\($0.0):** \($0.1)" }.joined(separator: "\n") + "\n\n"

        let s = report.sample
        m += "## Sample\n\n"
        var sample = [("How drawn", c(s.method)), ("Units in sample", "\(s.units)"),
                      ("Population", s.population.map { "\($0) units" } ?? ReportFormat.undefined),
                      ("Fraction", n(s.fraction)), ("Seed", s.seed.map { "\($0)" } ?? ReportFormat.undefined)]
        if let d = s.description { sample.append(("Notes", c(d))) }
        sample.append(("Sample size", c(ReportNotes.sampleSize(report))))
        m += table(["", ""], sample.map { ["**\($0.0)**", $0.1] })

        if !report.codingAmounts.isEmpty {
            m += "## Coders\n\n"
            m += table(["Coder", "Name", "Role", "Units finished"], report.coders.map {
                ["\(c($0))", c(report.coderDetails[$0]?.name ?? "—"), c(report.coderDetails[$0]?.role ?? "—"), "\(report.codingAmounts[$0] ?? 0)"]
            })
        }
        if !report.trainingRounds.isEmpty {
            m += "## Training and pilot rounds\n\n"
            m += table(["Round", "Purpose", "Status", "Double-coded units", "Coders", "Results"], report.trainingRounds.map { t in
                [c(t.name), t.purpose, t.status, "\(t.units)", c(t.coders.joined(separator: ", ")), c(t.results)]
            })
        }
        if !report.roundHistory.isEmpty {
            m += "## Round history\n\n" + report.roundHistory.map { "- \(c($0))" }.joined(separator: "\n") + "\n\n"
        }

        let mins = report.sortedMinimums
        m += "## Reliability per criterion\n\n"
        m += "Values are present (1) or absent (0) per coder per unit, over units at least two coders finished. "
        m += "\(report.thresholds.sentence) Undefined when α cannot be computed.\n\n"
        var headers = ["Criterion", "Label", "Units", "Pairable values", "Prevalence", "Agreement", "α", "95% interval"]
        headers += mins.map { "P(α < \(ReportFormat.minimum($0)))" }
        headers += ["κ", "AC1", "Unitizing α", "Verdict"]
        let notes = ReportNotes.grouped(report.criteria, thresholds: report.thresholds).map { "- \(c($0))" }
        m += table(headers, report.criteria.map { r in
            return ["`\(c(r.criterion))`", c(report.label(criterion: r.criterion)), "\(r.units)", "\(r.pairableValues)",
                    n(r.prevalence), n(r.percentAgreement), n(r.alpha), ReportFormat.interval(r.alphaLow, r.alphaHigh)]
                + mins.map { n(r.probabilityBelow($0)) }
                + ["\(n(r.kappa)) \(ReportFormat.interval(r.kappaInterval?.low, r.kappaInterval?.high)) (\(r.kappaKind == .cohen ? "Cohen" : "Fleiss"))",
                   "\(n(r.ac1)) \(ReportFormat.interval(r.ac1Interval?.low, r.ac1Interval?.high))", n(r.unitizing?.alpha),
                   ReportFormat.verdict(r.verdict)]
        })
        if !notes.isEmpty { m += notes.joined(separator: "\n") + "\n\n" }
        m += ReportFormat.intervalNote(report.criteria) + "\n\n"

        let pairs = report.binaryPairs
        if !pairs.isEmpty {
            m += "## Prevalence, bias and PABAK (binary criteria)\n\n"
            m += "For two values, κ depends on how common \"present\" is and on whether the coders use it at different rates (Byrt, Bishop & Carlin 1993): the prevalence index PI = (a − d)/n and the bias index BI = (b − c)/n show both, and PABAK = 2·p_o − 1 (Brennan & Prediger's coefficient for two values) is κ adjusted for them; κ = (PABAK − PI² + BI²)/(1 − PI² + BI²). a: both coders tagged the criterion, b: only the first, c: only the second, d: neither; over the units both finished. A low κ with a high PABAK and |PI| near 1 is the kappa paradox of a rare criterion, not disagreement.\n\n"
            m += table(["Criterion", "Coders", "n", "a", "b", "c", "d", "p_o", "κ", "PABAK", "PI", "BI"], pairs.map { p in
                ["`\(c(p.criterion))`", c("\(p.first) – \(p.second)"), "\(p.units)", "\(p.bothPresent)", "\(p.firstOnly)",
                 "\(p.secondOnly)", "\(p.bothAbsent)", n(p.observedAgreement), n(p.cohenKappa), n(p.pabak),
                 n(p.prevalenceIndex), n(p.biasIndex)]
            })
            let untagged = report.untaggedCriteria
            if !untagged.isEmpty {
                m += "- \(untagged.count) criteria nobody tagged (PI −1, PABAK 1, κ undefined): \(c(untagged.joined(separator: ", ")))\n\n"
            }
        }

        let weakest = report.weakest
        if !weakest.isEmpty {
            m += "## Coincidence matrices of the weakest criteria\n\n"
            for w in weakest {
                m += "### `\(c(w.criterion))` \(c(report.label(criterion: w.criterion))) (α = \(n(w.alpha)))\n\n"
                let cm = w.coincidences
                let marg = cm.marginals
                var body = cm.labels.indices.map { i in ["**\(c(cm.labels[i]))**"] + cm.counts[i].map { n($0) } + [n(marg[i])] }
                body.append(["**total**"] + marg.map { n($0) } + [n(cm.total)])
                m += table([""] + cm.labels.map(c) + ["total"], body)
            }
        }

        if !report.categories.isEmpty {
            m += "## Agreement on derived categories\n\n"
            var catNotes: [String] = []
            m += table(["Category", "Label", "Dimension", "Cases", "Pairable values", "Prevalence", "Agreement", "α", "Verdict"],
                       report.categories.map { k in
                           if let e = k.explanation { catNotes.append("- `\(k.category)`: \(c(e))") }
                           return ["`\(c(k.category))`", c(k.label), c(k.dimension), "\(k.cases)", "\(k.pairableValues)",
                                   n(k.prevalence), n(k.percentAgreement), n(k.alpha), ReportFormat.verdict(k.verdict)]
                       })
            if !catNotes.isEmpty { m += catNotes.joined(separator: "\n") + "\n\n" }
        }

        if !report.dimensions.isEmpty {
            m += "## Agreement on whole dimensions\n\n"
            m += "Each coder's value for a case is the set of the dimension's categories their evidence derives; nominal α treats each set as one value, MASI α (Passonneau 2006) counts partial overlaps partly.\n\n"
            m += table(["Dimension", "Cases", "Multi-valued", "Nominal α", "MASI α"], report.dimensions.map { d in
                ["`\(c(d.dimension))`", "\(d.cases)", "\(d.multiValued)", n(d.nominalAlpha), n(d.masiAlpha)]
            })
        }
        let r = report.resolution
        m += "## Methods paragraph\n\n" + c(ReportNotes.methodsParagraph(report)) + "\n\n"
        if !report.dataLocations.isEmpty {
            m += "## Where the data are\n\n" + report.dataLocations.map { "- \(c($0))" }.joined(separator: "\n") + "\n\n"
        }
        m += "## How disagreements were resolved\n\n"
        m += table(["Resolution", "Count"], [
            ["Disagreements (unit × criterion)", "\(r.disagreements)"],
            ["Adjudicated present", "\(r.adjudicatedPresent)"],
            ["Adjudicated absent", "\(r.adjudicatedAbsent)"],
            ["Still open (criterion contested in that unit)", "\(r.open)"],
            ["Adjudications overriding agreeing coders", "\(r.overrides)"],
        ])
        if !report.decisiveDisagreements.isEmpty {
            m += "### Disagreements that decide a classification\n\nEach of these open disagreements, resolved to one coder's value or the other's (the rest of the case's codings and decisions as they are), gives the case different categories: these are the ones to adjudicate first.\n\n"
            m += table(["Case", "Passage", "Criterion", "Coders", "Outcomes"], report.decisiveDisagreements.map { x in
                let d = x.disagreement
                return [c(x.caseId), "\(d.unit.passageId)", "`\(c(d.criterion))`",
                        c(d.values.keys.sorted().map { "\($0): \(d.value(of: $0))" }.joined(separator: ", ")),
                        c(x.outcomes.map(\.sentence).joined(separator: " / "))]
            })
        }

        if !report.cases.isEmpty {
            m += "## Derived classifications with evidence\n\n"
            let total = report.cases.reduce(0) { $0 + $1.evidence.count }
            // A round of 200,000 codings inlined made an 80 MB document; the appendix holds them all.
            let summarised = total > HTMLReport.inlineEvidenceLimit
            if summarised {
                m += "\(total) evidence items: each case shows its first \(HTMLReport.summaryItemsPerCase) here"
                m += evidenceFile.map { "; all of them are in [\(c($0))](\($0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0))" } ?? ""
                m += ".\n\n"
            }
            for k in report.cases {
                let who = [k.recipient, k.operation].compactMap { $0 }
                m += "### \(c(k.caseId))\(who.isEmpty ? "" : " — " + c(who.joined(separator: ", ")))\n\n"
                m += table(["Dimension", "Answer", "Member of", "Undecided"], k.classification.classifications.map { cl in
                    [c(cl.dimension), ReportFormat.verdict(cl.verdict),
                     cl.members.isEmpty ? ReportFormat.undefined : c(cl.members.map { "\(report.label(category: $0)) (\($0))" }.joined(separator: "; ")),
                     cl.undecided.isEmpty ? ReportFormat.undefined : c(cl.undecided.map { "\(report.label(category: $0)) (\($0))" }.joined(separator: "; "))]
                })
                m += table(["Criterion", "Label", "Status", "Units"], k.classification.criteria.map { cr in
                    ["`\(c(cr.criterion))`", c(report.label(criterion: cr.criterion)), ReportFormat.status(cr.status), "\(cr.units.count)"]
                })
                if summarised, k.evidence.count > HTMLReport.summaryItemsPerCase {
                    m += EvidenceAppendix.items(Array(k.evidence.prefix(HTMLReport.summaryItemsPerCase)))
                    m += "… and \(k.evidence.count - HTMLReport.summaryItemsPerCase) more evidence items for \(c(k.caseId))"
                    m += evidenceFile.map { " in \(c($0))" } ?? ""
                    m += ".\n\n"
                } else {
                    m += EvidenceAppendix.items(k.evidence)
                }
            }
        }
        if let w = report.weighing, !w.weighings.isEmpty {
            m += "## Weighing the evidence\n\n"
            m += c("Each category is weighed as a hypothesis against its negation (Fairfield & Charman 2022): weight of evidence 10·log10 P(E|H)/P(E|¬H) in decibans, added to the prior's log-odds. " + CaseWeighing.assumption) + "\n\n"
            let coders = w.views.keys.sorted()
            for k in w.weighings {
                m += "### \(c(w.heading(k)))\n\n"
                m += table(["Category", "Prior", "Items", "Posterior", "Weights and rules", "Prior 0.1–0.9 holds", "Damped holds"] + coders.map(c) + (coders.count > 1 ? ["Coders' spread"] : []),
                           k.hypotheses.map { h in
                               ["`\(c(h.dimension)) · \(c(h.category))`", HypothesisWeighing.format(h.prior),
                                h.items.map { item in WeighingReport.db(item.counted) }.joined(separator: " "),
                                HypothesisWeighing.format(h.posterior), c(h.comparisonText),
                                h.items.isEmpty ? ReportFormat.undefined : (h.sensitivity.survivesPriorGrid ? "yes" : "no"),
                                h.items.isEmpty ? ReportFormat.undefined : (h.sensitivity.survivesDamping ? "yes" : "no")]
                                   + coders.map { coder in w.coderPosteriors(k.caseId, h).first { $0.coder == coder }.map { HypothesisWeighing.format($0.posterior) } ?? ReportFormat.undefined }
                                   + (coders.count > 1 ? [c(w.coderSpreadText(k.caseId, h))] : [])
                           })
                for u in k.unweighable { m += "`\(c(u.dimension)) · \(c(u.category))` cannot be weighed: \(c(u.reason))\n\n" }
            }
        }
        return m
    }

    /// A GitHub-flavoured Markdown table; cells must already be single-line and pipe-escaped.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var t = "| " + headers.joined(separator: " | ") + " |\n"
        t += "|" + headers.map { _ in " --- |" }.joined() + "\n"
        for row in rows { t += "| " + row.joined(separator: " | ") + " |\n" }
        return t + "\n"
    }
}
