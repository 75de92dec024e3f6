import Testing
@testable import Agreement

@Suite("Unitizing alpha")
struct UnitizingAlphaTests {
    typealias Span = UnitizingAlpha.Span

    /// Krippendorff (2004), Content Analysis 2nd ed., p. 254: two observers i, j on the continuum [150, 450),
    /// categories c and k (DKPro Statistics' Krippendorff2004Test reproduces the published figures:
    /// D_o(c) = .0144, D_e(c) = .0532, α_c = .7286; D_o(k) = 0, D_e(k) = .0490, α_k = 1; overall α = .8591).
    static let krippendorff2004: [Span] = [
        Span(coder: 0, category: "c", start: 225, end: 295), Span(coder: 0, category: "c", start: 370, end: 400),
        Span(coder: 1, category: "c", start: 220, end: 300), Span(coder: 1, category: "c", start: 355, end: 375),
        Span(coder: 1, category: "c", start: 400, end: 420),
        Span(coder: 0, category: "k", start: 180, end: 240), Span(coder: 0, category: "k", start: 300, end: 350),
        Span(coder: 1, category: "k", start: 180, end: 240), Span(coder: 1, category: "k", start: 300, end: 350),
    ]

    @Test("Krippendorff 2004 p.254 example: alpha_c .7286, alpha_k 1, overall .8591")
    func krippendorff2004Example() throws {
        let u = try UnitizingAlpha(spans: Self.krippendorff2004, coders: 2, continuum: 150..<450)
        let c = try #require(u.categories.first { $0.category == "c" })
        let k = try #require(u.categories.first { $0.category == "k" })
        #expect(abs(c.observedDisagreement - 0.0144) < 0.00005)
        #expect(abs(c.expectedDisagreement - 0.0532) < 0.00005)
        #expect(abs(try #require(c.alpha) - 0.7286) < 0.0001)
        #expect(k.observedDisagreement == 0)
        #expect(abs(k.expectedDisagreement - 0.0490) < 0.00005)
        #expect(try #require(k.alpha) == 1)
        #expect(abs(try #require(u.value) - 0.8591) < 0.0005)
    }

    /// Krippendorff (1995), p. 57, data set A: Bertha marks [2,10) and [14,20), Bill [4,8) and [15,17) on [0,24).
    /// Hand computation: the overlapping span pairs are [2,10)–[4,8): (2−4)² + (10−8)² = 8 and
    /// [14,20)–[15,17): 1² + 3² = 10; no span lies wholly inside the other coder's gap. Σ = 18,
    /// D_o = 2·18 / (2·1·24²) = 0.03125 (the value DKPro's Krippendorff1995Test asserts).
    @Test("Krippendorff 1995 data set A: observed disagreement 0.03125 (hand-computed)")
    func krippendorff1995A() throws {
        let spans = [Span(coder: 0, category: "A", start: 2, end: 10), Span(coder: 0, category: "A", start: 14, end: 20),
                     Span(coder: 1, category: "A", start: 4, end: 8), Span(coder: 1, category: "A", start: 15, end: 17)]
        let u = try UnitizingAlpha(spans: spans, coders: 2, continuum: 0..<24)
        #expect(abs(u.categories[0].observedDisagreement - 0.03125) < 1e-12)
    }

    /// A span inside the other coder's gap costs its squared length. Coder 0 marks [2,4) on [0,10), coder 1 nothing:
    /// Σ δ² = 2² = 4, D_o = 2·4/(2·1·100) = 0.04. D_e: N_c = 1, l = 2, gaps of both coders: 2, 6 (coder 0), 10 (coder 1);
    /// (N_c − 1)(…) = 0; l² Σ_{g ≥ 2}(g − 2 + 1) = 4·(1 + 5 + 9) = 60; denominator 2·10·19 − 2·1 = 378;
    /// D_e = (2/10)·60/378 = 0.031746…; α = 1 − 0.04/0.031746 = −0.26.
    @Test("Hand-computed: one coder marks a span the other misses")
    func missedSpan() throws {
        let u = try UnitizingAlpha(spans: [Span(coder: 0, category: "x", start: 2, end: 4)], coders: 2, continuum: 0..<10)
        #expect(abs(u.categories[0].observedDisagreement - 0.04) < 1e-12)
        #expect(abs(u.categories[0].expectedDisagreement - 12.0 / 378) < 1e-12)
        #expect(abs(try #require(u.value) - (1 - 0.04 / (12.0 / 378))) < 1e-12)
    }

    @Test("Identical unitizing gives alpha 1; no spans is undefined; overlapping spans of one coder are rejected")
    func edgeCases() throws {
        let same = [Span(coder: 0, category: "x", start: 1, end: 5), Span(coder: 1, category: "x", start: 1, end: 5)]
        #expect(try UnitizingAlpha(spans: same, coders: 2, continuum: 0..<20).value == 1)
        let none = try UnitizingAlpha(spans: [], coders: 2, continuum: 0..<20)
        #expect(none.value == nil && none.undefinedReason != nil)
        let overlapping = [Span(coder: 0, category: "x", start: 1, end: 5), Span(coder: 0, category: "x", start: 4, end: 8)]
        #expect(throws: AgreementError.self) { try UnitizingAlpha(spans: overlapping, coders: 2, continuum: 0..<20) }
        #expect(throws: AgreementError.self) {
            try UnitizingAlpha(spans: [Span(coder: 0, category: "x", start: 5, end: 30)], coders: 2, continuum: 0..<20)
        }
    }
}

@Suite("Unitizing alpha over separate continua")
struct UnitizingContinuaTests {
    typealias Span = UnitizingAlpha.Span

    @Test("One continuum reproduces Krippendorff 2004's .8591; order and empty continua do not matter")
    func continua() throws {
        let one = try UnitizingAlpha(continua: [.init(range: 150..<450, spans: UnitizingAlphaTests.krippendorff2004)], coders: 2)
        #expect(abs(try #require(one.value) - 0.8591) < 0.0005)
        let other = UnitizingAlpha.Continuum(range: 0..<50, spans: [Span(coder: 0, category: "c", start: 10, end: 20),
                                                                     Span(coder: 1, category: "c", start: 12, end: 20)])
        let empty = UnitizingAlpha.Continuum(range: 0..<1000, spans: [])
        let a = try UnitizingAlpha(continua: [.init(range: 150..<450, spans: UnitizingAlphaTests.krippendorff2004), other], coders: 2)
        let b = try UnitizingAlpha(continua: [other, empty, .init(range: 150..<450, spans: UnitizingAlphaTests.krippendorff2004), empty], coders: 2)
        #expect(abs(try #require(a.value) - (try #require(b.value))) < 1e-12)
        #expect(a.value != one.value)
    }
}
