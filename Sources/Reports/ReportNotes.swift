import Foundation
import Reconciliation

/// The report's prose pieces: notes grouped so that a caveat shared by many criteria is said once, the
/// sample-size statement (planned against achieved), and a methods paragraph with the numbers filled in.
enum ReportNotes {
    /// Caveats, one line per kind: criteria with no variation, rare criteria, insufficient data, the rest.
    static func grouped(_ criteria: [CriterionReliability], thresholds: ReliabilityThresholds = ReliabilityThresholds()) -> [String] {
        var lines: [String] = []
        let noVariation = criteria.filter { $0.alpha == nil && ($0.prevalence == 0 || $0.prevalence == 1) }
        if !noVariation.isEmpty {
            lines.append("\(count(noVariation.count)) with no variation (every value the same, so alpha and kappa are 0/0 and the sample says nothing about them): \(ids(noVariation)).")
        }
        let rare = criteria.filter { c in
            guard c.alpha != nil, let p = c.prevalence else { return false }
            return p < ReliabilityResult.rareThreshold || p > 1 - ReliabilityResult.rareThreshold
        }
        if !rare.isEmpty {
            let list = rare.map { c in "`\(c.criterion)` (\(percent(min(c.prevalence!, 1 - c.prevalence!))))" }.joined(separator: ", ")
            lines.append("\(count(rare.count)) rare (the rarer value under 10% of values: alpha and kappa turn on a few units; AC1 is less affected): \(list).")
        }
        let insufficient = criteria.filter { $0.verdict == .insufficientData }
        if !insufficient.isEmpty {
            let list = insufficient.map { c -> String in
                let need = SampleAdequacy.assess(criteria: [c], thresholds: thresholds).first?.neededForTentative
                return "`\(c.criterion)`" + (need.map { " (\(c.pairableUnits) of \($0) units)" } ?? "")
            }.joined(separator: ", ")
            lines.append("\(count(insufficient.count)) with insufficient data for Krippendorff's (2019) sample-size rule at \(ReliabilityThresholds.text(thresholds.tentative))"
                         + (thresholds.minimumUnits.map { " or the codebook's minimum of \($0) units" } ?? "") + ": \(list).")
        }
        let covered = Set((noVariation + rare).map(\.criterion))
        for c in criteria where !covered.contains(c.criterion) {
            if let e = c.explanation { lines.append("`\(c.criterion)`: \(e).") }
        }
        let dropped = criteria.filter { $0.droppedReplicates > 0 }
        if !dropped.isEmpty {
            let list = dropped.map { "`\($0.criterion)` \($0.droppedReplicates) of \($0.bootstrapReplicates)" }.joined(separator: ", ")
            lines.append("\(count(dropped.count)) with bootstrap replicates dropped because alpha was undefined in them (a resample holding one value only; the interval uses the rest): \(list).")
        }
        return lines
    }

    /// Planned against achieved sample size.
    static func sampleSize(_ report: ReliabilityReport) -> String {
        let t = report.thresholds
        let adequacy = SampleAdequacy.assess(criteria: report.criteria, thresholds: t)
        let testable = adequacy.filter { $0.neededForTentative != nil }
        guard !testable.isEmpty else { return "No criterion varied, so no sample size can be judged." }
        let sufficient = testable.filter(\.sufficient)
        let largest = testable.compactMap(\.neededForTentative).max()!
        var s = "Achieved: \(report.sample.units) units coded by two or more coders. "
        s += "Planned against Krippendorff's (2019) sample-size rule (Bloch & Kraemer 1989; α_min = \(ReliabilityThresholds.text(t.tentative)), p = \(ReliabilityThresholds.text(t.significance)), at each criterion's observed share of its rarer value): "
        s += "the sample suffices for \(sufficient.count) of \(testable.count) criteria with variation; the rarest would need \(largest) units."
        if let balanced = SampleAdequacy.unitsNeeded(share: 0.5, thresholds: t) { s += " (A criterion with both values equally common needs \(balanced).)" }
        return s
    }

    /// A paragraph for a paper's methods section, numbers filled in.
    static func methodsParagraph(_ report: ReliabilityReport) -> String {
        let coders = report.coders
        let n = report.sample.units
        let amounts = coders.map { "\($0) \(report.codingAmounts[$0] ?? 0)" }.joined(separator: ", ")
        let verdicts = Dictionary(grouping: report.criteria, by: \.verdict).mapValues(\.count)
        let order: [ReliabilityVerdict] = [.reliable, .tentative, .unreliable, .insufficientData, .undefined]
        let counts = order.compactMap { v in verdicts[v].map { "\($0) \(ReportFormat.verdict(v))" } }.joined(separator: ", ")
        let replicates = report.criteria.first(where: { $0.bootstrapReplicates > 0 })?.bootstrapReplicates
        let alphas = report.criteria.compactMap(\.alpha)
        let range = alphas.isEmpty ? "" : " Alpha ranged from \(ReportFormat.number(alphas.min()!)) to \(ReportFormat.number(alphas.max()!))."
        let r = report.resolution
        var p = "\(spelled(coders.count).capitalizedFirst) coders (\(coders.joined(separator: ", "))) independently coded \(n) units (passage × case) "
        p += "with codebook \(report.codebook.id) version \(report.codebook.version), blind to each other's codings; units finished per coder: \(amounts). "
        p += "\(report.sample.description ?? "Units were drawn by \(report.sample.method).") "
        // A criterion some coder tagged as contradicting evidence has three nominal values, not two.
        let threeValued = report.criteria.filter { $0.coincidences.labels.count == 3 }.count
        if threeValued == 0 {
            p += "Each of the \(report.criteria.count) criteria was treated as present or absent per coder and unit"
        } else if threeValued == report.criteria.count {
            p += "Each of the \(report.criteria.count) criteria was coded per coder and unit as supporting, contradicting or not tagged (three nominal values)"
        } else {
            p += "Each criterion was coded per coder and unit as present or absent (\(report.criteria.count - threeValued) of the \(report.criteria.count) criteria) or, where a coder tagged contradicting evidence, as supporting, contradicting or not tagged (three nominal values; \(threeValued) \(threeValued == 1 ? "criterion" : "criteria"))"
        }
        p += ", and intercoder reliability was assessed with Krippendorff's alpha (nominal)"
        if let replicates {
            p += ", with 95% intervals from \(replicates) bootstrap replicates resampling units (percentile; Efron & Tibshirani 1993)"
        }
        p += ", alongside Cohen's or Fleiss' kappa and Gwet's AC1 with Gwet's (2014) analytic intervals.\(range) "
        let t = report.thresholds
        p += "A criterion was judged reliable when the lower limit of alpha's interval reached \(ReliabilityThresholds.text(t.reliable)) and tentative when it reached \(ReliabilityThresholds.text(t.tentative)) (Krippendorff 2004"
            + (t.source.hasPrefix("codebook") ? "; thresholds set in the \(t.source)" : "") + "), "
        p += "and as having insufficient data when the sample fell short of Krippendorff's (2019) sample-size requirement: \(counts). "
        let decided = r.adjudicatedPresent + r.adjudicatedAbsent
        p += "Of the \(r.disagreements) disagreements, \(decided) were adjudicated (\(r.adjudicatedPresent) present, \(r.adjudicatedAbsent) absent; \(r.overrides) adjudications overrode agreeing coders) and \(r.open) remain open; adjudication does not change the reliability figures."
        if !report.dataLocations.isEmpty { p += " The reliability data and codebook are in \(report.dataLocations.joined(separator: "; "))." }
        return p
    }

    static func ids(_ c: [CriterionReliability]) -> String { c.map { "`\($0.criterion)`" }.joined(separator: ", ") }
    static func count(_ n: Int) -> String { n == 1 ? "1 criterion" : "\(n) criteria" }
    static func percent(_ x: Double) -> String { x * 100 < 1 ? String(format: "%.1f%%", x * 100) : "\(Int((x * 100).rounded()))%" }
    static func spelled(_ n: Int) -> String {
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].indices.contains(n)
            ? ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"][n] : "\(n)"
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
