import Codebook
import ProjectStore
import Reconciliation

/// Renders a ``ReliabilityReport`` as one self-contained HTML file: inline CSS, an inline SVG
/// chart, no scripts, no external resources. The markup is well-formed XHTML, so it also parses as
/// XML (every text escaped, every element closed), and undefined values print as "—", never NaN.
public enum HTMLReport {
    /// Above this many evidence items in the whole report, each case shows only its first
    /// `summaryItemsPerCase` items inline and links to the evidence file for the rest: a round of
    /// 200,000 codings made a 57 MB page no browser opens comfortably.
    public static let inlineEvidenceLimit = 1_000
    public static let summaryItemsPerCase = 10

    /// The whole document. `evidenceFile` (the evidence appendix written beside it) is linked when
    /// the evidence is summarised.
    public static func render(_ report: ReliabilityReport, evidenceFile: String? = nil) -> String {
        let x = ReportFormat.xml
        let n = ReportFormat.number
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        h += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        h += "<title>\(x(report.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        h += "<h1>\(x(report.title))</h1>\n"

        // Header.
        var meta: [(String, String)] = [("Project", x(report.project)), ("Round", x(report.round.name))]
        if let purpose = report.round.purpose { meta.append(("Purpose", x(purpose))) }
        let cb = report.codebook
        meta.append(("Codebook", "<code>\(x(cb.id))</code> version \(x(cb.version))" + (cb.title.map { " (\(x($0)))" } ?? "")))
        meta.append(("Codebook hash", cb.contentHash.map { "<code>\(x($0))</code>" } ?? ReportFormat.undefined))
        meta.append(("Coders", report.coders.isEmpty ? ReportFormat.undefined : x(report.coders.joined(separator: ", "))))
        if let generated = report.generatedAt { meta.append(("Generated", x(generated))) }
        h += definitionList(meta)

        // Sample.
        let s = report.sample
        h += "<h2 id=\"sample\">Sample</h2>\n"
        var sample: [(String, String)] = [("How drawn", x(s.method)), ("Units in sample", "\(s.units)")]
        sample.append(("Population", s.population.map { "\($0) units" } ?? ReportFormat.undefined))
        sample.append(("Fraction", n(s.fraction)))
        sample.append(("Seed", s.seed.map { "\($0)" } ?? ReportFormat.undefined))
        if let d = s.description { sample.append(("Notes", x(d))) }
        sample.append(("Sample size", x(ReportNotes.sampleSize(report))))
        h += definitionList(sample)
        if !report.codingAmounts.isEmpty {
            h += "<h2 id=\"coders\">Coders</h2>\n"
            h += table(["Coder", "Name", "Role", "Units finished"], report.coders.map {
                [x($0), x(report.coderDetails[$0]?.name ?? "—"), x(report.coderDetails[$0]?.role ?? "—"), "\(report.codingAmounts[$0] ?? 0)"]
            })
        }
        if !report.trainingRounds.isEmpty {
            h += "<h2 id=\"training\">Training and pilot rounds</h2>\n"
            h += table(["Round", "Purpose", "Status", "Double-coded units", "Coders", "Results"], report.trainingRounds.map { t in
                [x(t.name), x(t.purpose), x(t.status), "\(t.units)", x(t.coders.joined(separator: ", ")), x(t.results)]
            })
        }
        if !report.roundHistory.isEmpty {
            h += "<h2 id=\"history\">Round history</h2>\n<ul>\n"
            h += report.roundHistory.map { "<li>\(x($0))</li>\n" }.joined()
            h += "</ul>\n"
        }

        // Per criterion.
        let mins = report.sortedMinimums
        h += "<h2 id=\"criteria\">Reliability per criterion</h2>\n"
        h += "<p>Values are present (1) or absent (0) per coder per unit, over units at least two coders finished. "
        h += "\(x(report.thresholds.sentence)) Undefined when α cannot be computed.</p>\n"
        var headers = ["Criterion", "Label", "Units", "Pairable values", "Prevalence", "Agreement", "α", "95% interval"]
        headers += mins.map { "P(α &lt; \(ReportFormat.minimum($0)))" }
        headers += ["κ", "AC1", "Unitizing α", "Verdict"]
        let notes = ReportNotes.grouped(report.criteria, thresholds: report.thresholds).map { "<li>\(x($0))</li>" }
        let rows: [[String]] = report.criteria.map { c in
            var row = ["<code>\(x(c.criterion))</code>", x(report.label(criterion: c.criterion)), "\(c.units)",
                       "\(c.pairableValues)", n(c.prevalence), n(c.percentAgreement), n(c.alpha),
                       ReportFormat.interval(c.alphaLow, c.alphaHigh)]
            row += mins.map { n(c.probabilityBelow($0)) }
            row += ["\(n(c.kappa)) \(ReportFormat.interval(c.kappaInterval?.low, c.kappaInterval?.high)) <span class=\"kind\">(\(c.kappaKind == .cohen ? "Cohen" : "Fleiss"))</span>",
                    "\(n(c.ac1)) \(ReportFormat.interval(c.ac1Interval?.low, c.ac1Interval?.high))",
                    n(c.unitizing?.alpha), "<span class=\"verdict \(ReportFormat.cssClass(c.verdict))\">\(ReportFormat.verdict(c.verdict))</span>"]
            return row
        }
        h += table(headers, rows)
        if !notes.isEmpty { h += "<ul class=\"notes\">\n\(notes.joined(separator: "\n"))\n</ul>\n" }
        h += "<p class=\"small\">\(x(ReportFormat.intervalNote(report.criteria)))</p>\n"
        h += "<figure>\n\(AlphaChart.svg(report))\n<figcaption>Alpha per criterion (point) with its bootstrap 95% interval (bar); dashed lines at α = \(mins.map { ReportFormat.minimum($0) }.joined(separator: " and ")).</figcaption>\n</figure>\n"

        // Weakest criteria.
        let weakest = report.weakest
        let pairs = report.binaryPairs
        if !pairs.isEmpty {
            h += "<h2 id=\"pabak\">Prevalence, bias and PABAK (binary criteria)</h2>\n"
            h += "<p>\(x("For two values, κ depends on how common \"present\" is and on whether the coders use it at different rates (Byrt, Bishop & Carlin 1993): the prevalence index PI = (a − d)/n and the bias index BI = (b − c)/n show both, and PABAK = 2·p_o − 1 (Brennan & Prediger's coefficient for two values) is κ adjusted for them; κ = (PABAK − PI² + BI²)/(1 − PI² + BI²). a: both coders tagged the criterion, b: only the first, c: only the second, d: neither; over the units both finished. A low κ with a high PABAK and |PI| near 1 is the kappa paradox of a rare criterion, not disagreement."))</p>\n"
            h += table(["Criterion", "Coders", "n", "a", "b", "c", "d", "p_o", "κ", "PABAK", "PI", "BI"], pairs.map { p in
                ["<code>\(x(p.criterion))</code>", x("\(p.first) – \(p.second)"), "\(p.units)", "\(p.bothPresent)", "\(p.firstOnly)",
                 "\(p.secondOnly)", "\(p.bothAbsent)", n(p.observedAgreement), n(p.cohenKappa), n(p.pabak),
                 n(p.prevalenceIndex), n(p.biasIndex)]
            })
            let untagged = report.untaggedCriteria
            if !untagged.isEmpty {
                h += "<p>\(untagged.count) criteria nobody tagged (PI −1, PABAK 1, κ undefined): \(x(untagged.joined(separator: ", ")))</p>\n"
            }
        }

        if !weakest.isEmpty {
            h += "<h2 id=\"weakest\">Coincidence matrices of the weakest criteria</h2>\n"
            for c in weakest {
                h += "<h3><code>\(x(c.criterion))</code> \(x(report.label(criterion: c.criterion))) (α = \(n(c.alpha)))</h3>\n"
                let m = c.coincidences
                let marg = m.marginals
                var body: [[String]] = m.labels.indices.map { i in
                    ["<strong>\(x(m.labels[i]))</strong>"] + m.counts[i].map { n($0) } + [n(marg[i])]
                }
                body.append(["<strong>total</strong>"] + marg.map { n($0) } + [n(m.total)])
                h += table([""] + m.labels.map(x) + ["total"], body)
                let disagreeing = c.disagreements
                if !disagreeing.isEmpty {
                    h += "<p class=\"small\">Units with disagreement: " + disagreeing.map { d in
                        "\(x(d.unit.caseId)) / passage \(d.unit.passageId) (present: \(x(d.values.filter { $0.value }.keys.sorted().joined(separator: ", "))))"
                    }.joined(separator: "; ") + ".</p>\n"
                }
            }
        }

        // Categories.
        if !report.categories.isEmpty {
            h += "<h2 id=\"categories\">Agreement on derived categories</h2>\n"
            h += "<p>Each coder's own codings, run through the codebook's decision rules: does each coder's evidence lead to the same category for a case?</p>\n"
            var catNotes: [String] = []
            h += table(["Category", "Label", "Dimension", "Cases", "Pairable values", "Prevalence", "Agreement", "α", "Verdict"],
                       report.categories.map { c in
                           if let e = c.explanation { catNotes.append("<li><code>\(x(c.category))</code>: \(x(e))</li>") }
                           return ["<code>\(x(c.category))</code>", x(c.label), x(c.dimension), "\(c.cases)", "\(c.pairableValues)",
                                   n(c.prevalence), n(c.percentAgreement), n(c.alpha),
                                   "<span class=\"verdict \(ReportFormat.cssClass(c.verdict))\">\(ReportFormat.verdict(c.verdict))</span>"]
                       })
            if !catNotes.isEmpty { h += "<ul class=\"notes\">\n\(catNotes.joined(separator: "\n"))\n</ul>\n" }
        }

        // Resolution.
        let r = report.resolution
        h += "<h2 id=\"methods\">Methods paragraph</h2>\n<p class=\"methods\">\(x(ReportNotes.methodsParagraph(report)))</p>\n"
        if !report.dataLocations.isEmpty {
            h += "<h2 id=\"data\">Where the data are</h2>\n<ul>\n" + report.dataLocations.map { "<li>\(x($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        }
        h += "<h2 id=\"resolution\">How disagreements were resolved</h2>\n"
        h += table(["Resolution", "Count"], [
            ["Disagreements (unit × criterion)", "\(r.disagreements)"],
            ["Adjudicated present", "\(r.adjudicatedPresent)"],
            ["Adjudicated absent", "\(r.adjudicatedAbsent)"],
            ["Still open (criterion contested in that unit)", "\(r.open)"],
            ["Adjudications overriding agreeing coders", "\(r.overrides)"],
        ])
        if !report.decisiveDisagreements.isEmpty {
            h += "<h3 id=\"decisive\">Disagreements that decide a classification</h3>\n<p>Each of these open disagreements, resolved to one coder's value or the other's (the rest of the case's codings and decisions as they are), gives the case different categories: these are the ones to adjudicate first.</p>\n"
            h += table(["Case", "Passage", "Criterion", "Coders", "Outcomes"], report.decisiveDisagreements.map { e in
                let d = e.disagreement
                return [x(e.caseId), "\(d.unit.passageId)", "<code>\(x(d.criterion))</code>",
                        x(d.values.keys.sorted().map { "\($0): \(d.value(of: $0))" }.joined(separator: ", ")),
                        x(e.outcomes.map(\.sentence).joined(separator: " / "))]
            })
        }
        h += "<p class=\"small\">Adjudication changes the classifications below, not the reliability figures above, which describe the coders' independent codings.</p>\n"

        // Classifications.
        if !report.cases.isEmpty {
            h += "<h2 id=\"classifications\">Derived classifications with evidence</h2>\n"
            let total = report.cases.reduce(0) { $0 + $1.evidence.count }
            let summarised = total > inlineEvidenceLimit
            if summarised {
                h += "<p>\(total) evidence items: each case shows its first \(summaryItemsPerCase) here"
                h += evidenceFile.map { "; all of them are in <a href=\"\(x($0))\">\(x($0))</a>" } ?? ""
                h += ".</p>\n"
            }
            for c in report.cases {
                h += caseSection(c, report, limit: summarised ? summaryItemsPerCase : nil, evidenceFile: evidenceFile)
            }
        }
        if let w = report.weighing, !w.weighings.isEmpty { h += weighingSection(w) }
        h += "</body>\n</html>\n"
        return h
    }

    /// The weighing section: the assumption, the default likelihoods used, and per case a table of
    /// categories (prior, posterior, rules, comparison, sensitivity, each coder) with a waterfall
    /// per category that has evidence.
    static func weighingSection(_ w: WeighingReport, chartsLimit: Int = inlineEvidenceLimit) -> String {
        let x = ReportFormat.xml
        var h = "<h2 id=\"weighing\">Weighing the evidence</h2>\n"
        h += "<p>Each category is weighed as a hypothesis against its negation (Fairfield &amp; Charman 2022): weight of evidence 10·log10 P(E|H)/P(E|¬H) in decibans, added to the prior's log-odds. \(x(CaseWeighing.assumption))</p>\n"
        let totalItems = w.weighings.reduce(0) { $0 + $1.hypotheses.reduce(0) { $0 + $1.items.count } }
        let charts = totalItems <= chartsLimit
        if !charts {
            h += "<p class=\"small\">\(totalItems) weighed items: the charts are left out; `dossier weigh --round \(x(w.round))` prints every item.</p>\n"
        }
        for c in w.weighings {
            h += "<section class=\"case\">\n<h3>\(x(w.heading(c)))</h3>\n"
            let coders = w.views.keys.sorted()
            h += table(["Category", "Prior", "Items", "Posterior", "Rules", "Weights and rules", "Prior 0.1–0.9", "Weights ÷\(WeighingReport.short(w.options.dampingFactor))"] + coders.map(x) + (coders.count > 1 ? ["Coders' spread"] : []),
                       c.hypotheses.map { hyp in
                           let s = hyp.sensitivity
                           let grid = s.grid.map(\.posterior)
                           let range = grid.isEmpty ? ReportFormat.undefined
                               : "\(HypothesisWeighing.format(grid.min()!))–\(HypothesisWeighing.format(grid.max()!))\(s.survivesPriorGrid ? "" : " (leaning changes)")"
                           let perCoder = w.coderPosteriors(c.caseId, hyp)
                           return ["<code>\(x(hyp.dimension)) · \(x(hyp.category))</code>", HypothesisWeighing.format(hyp.prior),
                                   "\(hyp.countedItems.count)" + (hyp.items.count > hyp.countedItems.count ? " (+\(hyp.items.count - hyp.countedItems.count) counted once)" : ""),
                                   "<strong>\(HypothesisWeighing.format(hyp.posterior))</strong>", x(hyp.rules.rawValue.replacingOccurrences(of: "_", with: " ")),
                                   x(hyp.comparisonText), x(range),
                                   "\(HypothesisWeighing.format(s.dampedPosterior))\(s.survivesDamping ? "" : " (leaning changes)")"]
                               + coders.map { coder in perCoder.first { $0.coder == coder }.map { HypothesisWeighing.format($0.posterior) } ?? ReportFormat.undefined }
                               + (coders.count > 1 ? [x(w.coderSpreadText(c.caseId, hyp))] : [])
                       })
            for u in c.unweighable {
                h += "<p><code>\(x(u.dimension)) · \(x(u.category))</code> cannot be weighed: \(x(u.reason))</p>\n"
            }
            guard charts else { h += "</section>\n"; continue }
            for hyp in c.hypotheses where !hyp.items.isEmpty {
                let id = "w-" + (c.caseId + "-" + hyp.category).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
                h += "<figure>\n"
                if let svg = WeighingChart.svg(hyp, id: id) {
                    h += svg
                } else if let i = hyp.items.firstIndex(where: { $0.counted.isInfinite }) {
                    h += "<p class=\"small\">No chart: item \(i + 1) has a likelihood of 0, an infinite weight of evidence that no finite scale shows; the posterior is \(HypothesisWeighing.format(hyp.posterior)).</p>\n"
                }
                h += "<figcaption>\(x(hyp.category)): \(x(hyp.comparisonText))</figcaption>\n"
                h += "<ol class=\"weights\">\n"
                for item in hyp.items {
                    var line = "<code>\(x(item.criterion))</code> \(x(item.reading.rawValue.replacingOccurrences(of: "_", with: " "))) — \(x(WeighingReport.db(item.counted))) dB (\(x(item.likelihoodSourceText)) \(WeighingReport.short(item.ifMember))/\(WeighingReport.short(item.ifNotMember)))"
                    if let p = item.passageId { line += ", passage \(p)" }
                    if let cite = w.citation(item.passageId) { line += ", \(x(cite))" }
                    if let with = item.countedOnceWith { line += "; counted once with item \(with + 1): \(x(item.sameFact ?? "same fact"))" }
                    if item.passageId == nil { line += "; \(x(item.basis))" }
                    h += "<li>\(line)</li>\n"
                }
                h += "</ol>\n</figure>\n"
            }
            h += "</section>\n"
        }
        return h
    }

    static func caseSection(_ c: CaseReport, _ report: ReliabilityReport, limit: Int? = nil,
                            evidenceFile: String? = nil) -> String {
        let x = ReportFormat.xml
        var h = "<section class=\"case\">\n<h3>\(x(c.caseId))"
        let who = [c.recipient, c.operation].compactMap { $0 }
        if !who.isEmpty { h += " — \(x(who.joined(separator: ", ")))" }
        h += "</h3>\n"
        h += table(["Dimension", "Answer", "Member of", "Undecided"], c.classification.classifications.map { cl in
            [x(cl.dimension), ReportFormat.verdict(cl.verdict),
             cl.members.isEmpty ? ReportFormat.undefined : x(cl.members.map { "\(report.label(category: $0)) (\($0))" }.joined(separator: "; ")),
             cl.undecided.isEmpty ? ReportFormat.undefined : x(cl.undecided.map { "\(report.label(category: $0)) (\($0))" }.joined(separator: "; "))]
        })
        h += table(["Criterion", "Label", "Status", "Units"], c.classification.criteria.map { cr in
            ["<code>\(x(cr.criterion))</code>", x(report.label(criterion: cr.criterion)),
             "<span class=\"status \(cr.status.rawValue)\">\(ReportFormat.status(cr.status))</span>", "\(cr.units.count)"]
        })
        if !c.evidence.isEmpty {
            h += "<ol class=\"evidence\">\n"
            for e in c.evidence.prefix(limit ?? c.evidence.count) {
                h += "<li><p><strong>\(x(e.criterionLabel))</strong> (<code>\(x(e.criterion))</code>, \(ReportFormat.status(e.status))), passage \(e.passageId)"
                if let p = e.page { h += ", p. \(x(p))" }
                if let label = e.editorial {
                    h += " <span class=\"editorial\">\(x(Editorial.marker(label)))</span> (written by the volume\u{2019}s editors, not archival text)"
                }
                if let b = e.basis { h += "; \(x(b))" }
                h += "</p>\n<blockquote\(e.editorial == nil ? "" : " class=\"editorial\"")>\(x(e.excerpt))</blockquote>\n"
                for note in e.notes { h += "<p class=\"note\">\(x(note))</p>\n" }
                h += "<p class=\"citation\">\(x(e.citation))</p></li>\n"
            }
            h += "</ol>\n"
            if let limit, c.evidence.count > limit {
                h += "<p class=\"small\">… and \(c.evidence.count - limit) more evidence items for \(x(c.caseId))"
                h += evidenceFile.map { " in <a href=\"\(x($0))\">\(x($0))</a>" } ?? ""
                h += ".</p>\n"
            }
        }
        return h + "</section>\n"
    }

    /// A table; cells are already escaped markup.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        var t = "<table>\n<thead><tr>" + headers.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { t += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return t + "</tbody>\n</table>\n"
    }

    /// Label–value pairs; values are already escaped markup.
    static func definitionList(_ pairs: [(String, String)]) -> String {
        "<dl>\n" + pairs.map { "<dt>\(ReportFormat.xml($0.0))</dt><dd>\($0.1)</dd>" }.joined(separator: "\n") + "\n</dl>\n"
    }

    static let css = """
    body { font-family: Georgia, 'Times New Roman', serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
    h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; }
    h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.2rem; }
    dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
    dt { font-weight: bold; }
    dd { margin: 0; }
    table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
    th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f3f3f3; }
    td { font-variant-numeric: tabular-nums; }
    code { font-size: .85em; }
    .kind, .small { color: #666; font-size: .85em; }
    .verdict.reliable { color: #2e7d32; font-weight: bold; }
    .verdict.tentative { color: #b26b00; font-weight: bold; }
    .verdict.unreliable { color: #c62828; font-weight: bold; }
    .verdict.undefined { color: #777; font-style: italic; }
    .verdict.insufficient { color: #777; font-weight: bold; }
    .notes { font-size: .9rem; color: #444; }
    figure { margin: 1rem 0; }
    figcaption { font-size: .85rem; color: #555; }
    blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .8rem; border-left: 3px solid #bbb; color: #333; }
    blockquote.editorial { border-left-color: #c90; font-style: italic; }
    .editorial { color: #850; font-weight: bold; }
    .note { font-style: italic; margin: .2rem 0; }
    .citation { font-size: .85rem; color: #444; margin: .2rem 0 .8rem; }
    .case { margin-bottom: 1.5rem; }
    ol.weights { font-size: .85rem; }

    """
}
