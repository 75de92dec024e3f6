/// Krippendorff's unitizing alpha for coders who mark categorized spans on a continuum
/// (e.g. character offsets of a passage): the |cα / αU of Krippendorff (1995) "On the reliability of
/// unitizing continuous data", Sociological Methodology 25, in the form given in Krippendorff (2004),
/// Content Analysis, 2nd ed., §12.4 (the variant implemented by DKPro Statistics' `KrippendorffAlphaUnitizingAgreement`).
///
/// Each category c is assessed on its own: every coder's continuum [B, B+L) is cut into that coder's c-spans
/// and the gaps between them. For two overlapping segments g (coder i) and h (coder j), the squared distance is
///
/// - both c-spans: (b_g − b_h)² + (e_g − e_h)² (begin and end displacements),
/// - a c-span lying entirely inside the other coder's gap: l²,
/// - otherwise (gap–gap, or partial overlap of a span with a gap): 0.
///
///     D_o(c) = Σ_{i≠j} Σ_{g,h} δ²_gh / (m (m − 1) L²)
///     D_e(c) = (2/L) Σ_{c-spans u} [ (N_c − 1)(2l_u³ − 3l_u² + l_u)/3 + l_u² Σ_{gaps g: l_g ≥ l_u} (l_g − l_u + 1) ]
///              / ( mL(mL − 1) − Σ_{c-spans u} l_u(l_u − 1) )
///
/// where m is the number of coders, N_c the number of c-spans of all coders, and the gaps are those of all
/// coders for c. Per category, α_c = 1 − D_o(c)/D_e(c); overall, α = 1 − Σ_c D_o(c) / Σ_c D_e(c).
/// A coder's spans of the same category may touch but not overlap. Spans are half-open: [start, end).
public struct UnitizingAlpha: Sendable {
    /// One coder's span: category `category` on [start, end).
    public struct Span: Sendable, Hashable {
        /// Index of the coder, 0-based.
        public var coder: Int
        /// Category label.
        public var category: String
        /// First position covered.
        public var start: Int
        /// First position after the span.
        public var end: Int

        public init(coder: Int, category: String, start: Int, end: Int) {
            self.coder = coder; self.category = category; self.start = start; self.end = end
        }
    }

    /// The result for one category.
    public struct CategoryResult: Sendable, Equatable {
        public let category: String
        public let observedDisagreement: Double
        public let expectedDisagreement: Double
        /// α_c, nil when D_e(c) = 0.
        public let alpha: Double?
    }

    /// Per-category results, in sorted category order.
    public let categories: [CategoryResult]
    /// Overall unitizing alpha, nil when undefined.
    public let value: Double?
    /// Why the overall value is undefined.
    public let undefinedReason: String?

    /// One continuum (e.g. one passage) and the spans the coders marked on it.
    public struct Continuum: Sendable {
        /// The positions of the continuum, e.g. `0..<passageLength`.
        public var range: Range<Int>
        /// Every coder's spans on it.
        public var spans: [Span]

        public init(range: Range<Int>, spans: [Span]) {
            self.range = range
            self.spans = spans
        }
    }

    /// Computes unitizing alpha for `coders` coders on the continuum `continuum`.
    public init(spans: [Span], coders: Int, continuum: Range<Int>) throws {
        try self.init(continua: [Continuum(range: continuum, spans: spans)], coders: coders)
    }

    /// Computes unitizing alpha over several separate continua (e.g. passages), each unitized on its own:
    /// no span or gap crosses from one continuum into the next. Per category, the disagreements of the
    /// continua are pooled weighted by their lengths, D(c) = Σ_p L_p D_p(c) / Σ_p L_p, so every position
    /// counts alike; a continuum in which no coder marked a span of c adds nothing to either sum, so the
    /// result does not depend on the order of the continua nor on continua nobody marked.
    /// With one continuum this is exactly Krippendorff's αU.
    public init(continua: [Continuum], coders: Int) throws {
        guard coders >= 2 else { throw AgreementError.tooFewCoders(source: "spans", found: coders) }
        var offset = 0
        for c in continua {
            guard c.range.count >= 2 else {
                throw AgreementError.invalidSpan(index: 0, reason: "the continuum must be at least 2 positions long")
            }
            for (i, s) in c.spans.enumerated() {
                if s.coder < 0 || s.coder >= coders { throw AgreementError.invalidSpan(index: offset + i, reason: "coder \(s.coder) is not between 0 and \(coders - 1)") }
                if s.start >= s.end { throw AgreementError.invalidSpan(index: offset + i, reason: "start \(s.start) is not before end \(s.end)") }
                if s.start < c.range.lowerBound || s.end > c.range.upperBound {
                    throw AgreementError.invalidSpan(index: offset + i, reason: "[\(s.start), \(s.end)) lies outside the continuum [\(c.range.lowerBound), \(c.range.upperBound))")
                }
            }
            offset += c.spans.count
        }
        // Per category: Σ_p L_p D_o,p(c) and Σ_p L_p D_e,p(c).
        var weighted: [String: (dO: Double, dE: Double)] = [:]
        var totalLength = 0.0
        offset = 0
        for c in continua {
            let spans = c.spans
            let byCategory = Dictionary(grouping: spans.indices, by: { spans[$0].category })
            for category in byCategory.keys.sorted() {
                var perCoder = [[(start: Int, end: Int, index: Int)]](repeating: [], count: coders)
                for i in byCategory[category]! { perCoder[spans[i].coder].append((spans[i].start, spans[i].end, i)) }
                for g in 0..<coders {
                    perCoder[g].sort { $0.start < $1.start }
                    for k in perCoder[g].indices.dropFirst() where perCoder[g][k].start < perCoder[g][k - 1].end {
                        throw AgreementError.invalidSpan(index: offset + perCoder[g][k].index,
                            reason: "overlaps another \"\(category)\" span of the same coder; merge them or use different categories")
                    }
                }
                let segments = perCoder.map { UnitizingAlpha.segments($0.map { ($0.start, $0.end) }, c.range) }
                let (dO, dE) = UnitizingAlpha.disagreements(segments, coders: coders, length: c.range.count)
                let l = Double(c.range.count)
                let sum = weighted[category] ?? (0, 0)
                weighted[category] = (sum.dO + l * dO, sum.dE + l * dE)
            }
            totalLength += Double(c.range.count)
            offset += spans.count
        }
        var results: [CategoryResult] = []
        var sumDo = 0.0, sumDe = 0.0
        for category in weighted.keys.sorted() {
            let dO = weighted[category]!.dO / totalLength, dE = weighted[category]!.dE / totalLength
            results.append(CategoryResult(category: category, observedDisagreement: dO, expectedDisagreement: dE,
                                          alpha: dE > 0 ? 1 - dO / dE : nil))
            sumDo += dO; sumDe += dE
        }
        categories = results
        if weighted.isEmpty {
            value = nil; undefinedReason = "no coder marked any span"
        } else if sumDe <= 0 {
            value = nil; undefinedReason = "no variation in how the continuum was unitized, so alpha is 0/0"
        } else {
            value = 1 - sumDo / sumDe; undefinedReason = nil
        }
    }

    /// A coder's c-spans and gaps covering the continuum, in order.
    static func segments(_ spans: [(Int, Int)], _ continuum: Range<Int>) -> [(start: Int, end: Int, unit: Bool)] {
        var out: [(start: Int, end: Int, unit: Bool)] = []
        var pos = continuum.lowerBound
        for (s, e) in spans {
            if s > pos { out.append((pos, s, false)) }
            out.append((s, e, true))
            pos = e
        }
        if pos < continuum.upperBound { out.append((pos, continuum.upperBound, false)) }
        return out
    }

    static func distance(_ a: (start: Int, end: Int, unit: Bool), _ b: (start: Int, end: Int, unit: Bool)) -> Double {
        switch (a.unit, b.unit) {
        case (true, true):
            guard a.start < b.end, b.start < a.end else { return 0 }
            let db = Double(a.start - b.start), de = Double(a.end - b.end)
            return db * db + de * de
        case (true, false):
            return a.start >= b.start && a.end <= b.end ? Double(a.end - a.start) * Double(a.end - a.start) : 0
        case (false, true):
            return b.start >= a.start && b.end <= a.end ? Double(b.end - b.start) * Double(b.end - b.start) : 0
        case (false, false):
            return 0
        }
    }

    static func disagreements(_ segs: [[(start: Int, end: Int, unit: Bool)]], coders m: Int, length: Int) -> (Double, Double) {
        let L = Double(length), M = Double(m)
        // Observed: every overlapping pair of segments of two coders, found by a merge of the two segment lists.
        var observed = 0.0
        for i in 0..<m {
            for j in (i + 1)..<m {
                var a = 0, b = 0
                while a < segs[i].count, b < segs[j].count {
                    observed += distance(segs[i][a], segs[j][b])
                    let ea = segs[i][a].end, eb = segs[j][b].end
                    if ea <= eb { a += 1 }
                    if eb <= ea { b += 1 }
                }
            }
        }
        let dO = 2 * observed / (M * (M - 1) * L * L)
        // Expected.
        let units = segs.flatMap { $0.filter { $0.unit }.map { Double($0.end - $0.start) } }
        let gaps = segs.flatMap { $0.filter { !$0.unit }.map { Double($0.end - $0.start) } }.sorted()
        // suffix[k] = Σ_{g ≥ gaps[k]} (g + 1)
        var suffix = [Double](repeating: 0, count: gaps.count + 1)
        for k in stride(from: gaps.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + gaps[k] + 1 }
        let nC = Double(units.count)
        var numerator = 0.0, selfPairs = 0.0
        for l in units {
            var lo = 0, hi = gaps.count
            while lo < hi { let mid = (lo + hi) / 2; if gaps[mid] < l { lo = mid + 1 } else { hi = mid } }
            let fitting = suffix[lo] - l * Double(gaps.count - lo)
            numerator += (nC - 1) * (2 * l * l * l - 3 * l * l + l) / 3 + l * l * fitting
            selfPairs += l * (l - 1)
        }
        let denominator = M * L * (M * L - 1) - selfPairs
        let dE = units.isEmpty || denominator <= 0 ? 0 : (2 / L) * numerator / denominator
        return (dO, dE)
    }
}
