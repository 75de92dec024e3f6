import Agreement
import Codebook

/// The reliability of a round: per criterion, and (given the codebook) per derived category.
///
/// Only units that at least two coders finished count; each such unit gives, for each criterion,
/// one value per coder who finished it: present (1) if the coder tagged the criterion, absent (0)
/// otherwise; where some coder tagged it as contradicting evidence, the criterion has three nominal
/// values (no tag, supports, contradicts). Coders who did not finish a unit have no value there (missing, which alpha handles).
public struct ReliabilityResult: Sendable {
    /// Per criterion, in the request's (codebook) order.
    public var criteria: [CriterionReliability]
    /// Per category of the codebook, in codebook order; empty when no codebook was given.
    public var categories: [CategoryReliability]
    /// Per dimension of the codebook: nominal and MASI alpha over each coder's membership sets.
    public var dimensions: [DimensionReliability] = []
    /// Every coder with a value, sorted.
    public var coders: [String]
    /// The units assessed (finished by two or more coders), in order.
    public var units: [UnitKey]
    /// Units only one coder finished, left out of every figure.
    public var singleCodedUnits: [UnitKey]
    /// The thresholds the verdicts used (the codebook's, or Krippendorff's defaults).
    public var thresholds = ReliabilityThresholds()

    /// Shares of values below which (or above 1 minus which) a criterion is called rare.
    public static let rareThreshold = 0.1

    /// Computes every figure.
    ///
    /// - Parameters:
    ///   - request: The codings and options.
    ///   - codebook: When given, also assesses agreement on each category's membership (see
    ///     ``CategoryReliability``).
    public init(_ request: ReliabilityRequest, codebook: Codebook? = nil) throws(ReconciliationError) {
        let byUnit = try CodingIndex(request.codings, criteria: request.criteria)
        thresholds = request.thresholds
        let units = byUnit.units.filter { byUnit.codings[$0]!.count >= 2 }
        self.units = units
        singleCodedUnits = byUnit.units.filter { byUnit.codings[$0]!.count < 2 }
        guard !units.isEmpty else { throw .noDoubleCodedUnits }
        let coders = Array(Set(units.flatMap { byUnit.codings[$0]!.keys })).sorted()
        self.coders = coders
        let crossed = units.filter { byUnit.codings[$0]!.count == coders.count }

        criteria = request.criteria.map { id in
            // Values: 0 no tag, 1 supports, 2 contradicts. A criterion nobody tagged as contradicting
            // keeps the two values (absent, present) it always had, so such rounds read as before.
            let rows: [[Int?]] = units.map { unit in
                let codings = byUnit.codings[unit]!
                return coders.map { coder in
                    codings[coder].map { c -> Int in
                        switch c.value(of: id) { case .untagged: 0; case .supports: 1; case .contradicts: 2 }
                    }
                }
            }
            let threeValued = rows.contains { $0.contains(2) }
            let figures = NominalAgreement(codes: rows, coders: coders,
                                           labels: threeValued ? ["no tag", "supports", "contradicts"] : ["absent", "present"],
                                           replicates: request.bootstrapReplicates, seed: request.seed,
                                           minimums: Array(Set(request.minimums + request.thresholds.minimums)).sorted())
            let values = zip(units, rows).map { unit, row in
                UnitValues(unit: unit,
                           values: Dictionary(uniqueKeysWithValues: zip(coders, row).compactMap { c, v in v.map { (c, $0 != 0) } }),
                           contradicting: zip(coders, row).filter { $0.1 == 2 }.map(\.0))
            }
            let (verdict, verdictReason) = figures.verdict(request.thresholds)
            return CriterionReliability(
                criterion: id, units: units.count, coders: coders, pairableValues: figures.pairableValues,
                prevalence: figures.prevalence, percentAgreement: figures.percentAgreement,
                alpha: figures.alpha, alphaUndefinedReason: figures.alphaUndefinedReason,
                alphaLow: figures.alphaLow, alphaHigh: figures.alphaHigh, shortfalls: figures.shortfalls,
                bootstrapReplicates: figures.replicates,
                kappaKind: coders.count == 2 ? .cohen : .fleiss, kappa: figures.kappa, ac1: figures.ac1,
                unitizing: Self.unitizing(criterion: id, units: units, crossed: crossed, coders: coders, index: byUnit),
                coincidences: figures.coincidences, verdict: verdict,
                explanation: Self.explain(figures, verdict: verdict, subject: "criterion", present: "present", absent: "absent"),
                values: values, alphaAnalytic: figures.alphaAnalytic, kappaInterval: figures.kappaInterval,
                ac1Interval: figures.ac1Interval, alphaIntervalMethod: figures.alphaLow == nil ? nil : NominalAgreement.bootstrapMethod,
                droppedReplicates: figures.droppedReplicates, shortfallsOmittedReason: figures.shortfallsOmittedReason,
                pairableUnits: figures.pairableUnits, verdictReason: verdictReason)
        }

        if let codebook {
            categories = CategoryReliability.assess(codebook: codebook, criteria: request.criteria, units: units,
                                                    coders: coders, index: byUnit, request: request)
            dimensions = DimensionReliability.assess(categories)
        } else {
            categories = []
        }
    }

    /// Plain-words caveat for an undefined or rare variable.
    static func explain(_ f: NominalAgreement, verdict: ReliabilityVerdict, subject: String, present: String, absent: String) -> String? {
        guard let prevalence = f.prevalence else { return "no values to compare" }
        if f.alpha == nil {
            if prevalence == 0 {
                return "every value is \"\(absent)\": the coders agree completely but there is no variation, so alpha and kappa are 0/0 (undefined); the sample says nothing about how reliably this \(subject) would be recognised"
            }
            if prevalence == 1 {
                return "every value is \"\(present)\": the coders agree completely but there is no variation, so alpha and kappa are 0/0 (undefined)"
            }
            return f.alphaUndefinedReason
        }
        if prevalence < rareThreshold || prevalence > 1 - rareThreshold {
            let share = Int((min(prevalence, 1 - prevalence) * 100).rounded())
            let side = prevalence < 0.5 ? present : absent
            return "rare: only about \(share)% of values are \"\(side)\", so alpha and kappa turn on a few units and are unstable; AC1 is less affected; add units where the \(subject) is likely \(side) before drawing conclusions"
        }
        return nil
    }

    /// Unitizing alpha for one criterion: each passage finished by every coder is its own continuum
    /// (``UnitizingAlpha/init(continua:coders:)``); a passage where some coder tagged the criterion without
    /// marking a span is missing for this criterion (that coder said the passage holds evidence, not where)
    /// and is left out, as are passages some coder did not finish.
    static func unitizing(criterion: String, units: [UnitKey], crossed: [UnitKey], coders: [String], index: CodingIndex) -> UnitizingResult? {
        let anySpan = units.contains { unit in index.codings[unit]!.values.contains { !($0.spans[criterion] ?? []).filter { !$0.isEmpty }.isEmpty } }
        guard anySpan else { return nil }
        var continua: [UnitizingAlpha.Continuum] = []
        var used: [UnitKey] = [], unspanned: [UnitKey] = []
        var length = 0, spanCount = 0
        for unit in crossed {
            let codings = index.codings[unit]!
            let passageLength = index.lengths[unit] ?? 0
            if codings.values.contains(where: { $0.present.contains(criterion) && ($0.spans[criterion] ?? []).allSatisfy(\.isEmpty) }) {
                unspanned.append(unit)
                continue
            }
            guard passageLength >= 2 else { continue }
            var spans: [UnitizingAlpha.Span] = []
            for (g, coder) in coders.enumerated() {
                guard let coding = codings[coder] else { continue }
                for r in Self.merged(coding.spans[criterion] ?? []) {
                    spans.append(.init(coder: g, category: criterion, start: r.lowerBound, end: min(r.upperBound, passageLength)))
                }
            }
            continua.append(UnitizingAlpha.Continuum(range: 0..<passageLength, spans: spans.filter { $0.start < $0.end }))
            used.append(unit)
            length += passageLength
            spanCount += spans.count
        }
        func undefined(_ reason: String) -> UnitizingResult {
            UnitizingResult(alpha: nil, undefinedReason: reason, units: used, continuumLength: length, spans: spanCount,
                            unspannedUnits: unspanned)
        }
        if crossed.isEmpty { return undefined("no unit was finished by every coder, so no common continuum exists") }
        if spanCount == 0 {
            return undefined(unspanned.isEmpty ? "spans were marked only in units some coder did not finish"
                                               : "every passage with spans also has a tag without a span (missing for unitizing)")
        }
        do {
            let u = try UnitizingAlpha(continua: continua, coders: coders.count)
            return UnitizingResult(alpha: u.value.flatMap { $0.isFinite ? $0 : nil }, undefinedReason: u.undefinedReason,
                                   units: used, continuumLength: length, spans: spanCount, unspannedUnits: unspanned)
        } catch {
            return undefined("\(error)")
        }
    }

    /// Sorted, non-empty, with overlapping ranges merged (touching ones stay separate).
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound < last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
