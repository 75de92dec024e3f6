import Foundation
import Testing
@testable import Agreement

/// Fixtures written by Benchmarks/agreement/unit_bootstrap.py, an independent numpy implementation.
struct UnitBootstrapFixture: Decodable {
    struct Resample: Decodable { let indices: [Int]; let alpha: Double? }
    struct Bootstrap: Decodable {
        let replicates: Int
        let percentile_low: Double, percentile_high: Double, bca_low: Double, bca_high: Double
        let p_below_667: Double, p_below_800: Double, dropped_share: Double
        let sd: [String: Double]
    }
    let name: String
    let level: String
    let published_alpha: Double?
    let table: [[Double?]]
    let alpha: Double
    let pairable_units: Int
    let jackknife: [Double]
    let acceleration: Double
    let resamples: [Resample]
    let bootstrap: Bootstrap

    static let all: [UnitBootstrapFixture] = {
        struct File: Decodable { let fixtures: [UnitBootstrapFixture] }
        let url = Bundle.module.url(forResource: "unit_bootstrap", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).fixtures
    }()

    var label: String { "\(name) \(level)" }

    func computeAlpha() throws -> KrippendorffAlpha {
        try KrippendorffAlpha(try ReliabilityData(numbers: table), level: MeasurementLevel(rawValue: level)!)
    }
}

@Suite("Bootstrap over units, against the numpy reference")
struct UnitBootstrapTests {
    static let fixtures = UnitBootstrapFixture.all

    @Test("Alpha and every jackknife value agree to 1e-9", arguments: fixtures)
    func jackknife(_ f: UnitBootstrapFixture) throws {
        let a = try f.computeAlpha()
        #expect(abs(try #require(a.value) - f.alpha) < 1e-9, "\(f.label)")
        if let published = f.published_alpha { #expect(abs(f.alpha - published) < 5e-4) }
        let units = a.pairableUnits
        #expect(units.unitCount == f.pairable_units)
        #expect(abs(try #require(units.alpha(weights: units.observedWeights)) - f.alpha) < 1e-9)
        let j = AlphaBootstrap.jackknife(units)
        #expect(j.values.count == f.jackknife.count)
        for (mine, theirs) in zip(j.values, f.jackknife) {
            #expect(abs(try #require(mine) - theirs) < 1e-9, "\(f.label)")
        }
        #expect(abs(try #require(j.acceleration) - f.acceleration) < 1e-9, "\(f.label)")
    }

    @Test("The same resamples give the same alphas to 1e-9", arguments: fixtures)
    func sameResamples(_ f: UnitBootstrapFixture) throws {
        let units = try f.computeAlpha().pairableUnits
        for r in f.resamples {
            let mine = AlphaBootstrap.alpha(units, resample: r.indices)
            if let theirs = r.alpha {
                #expect(abs(try #require(mine) - theirs) < 1e-9, "\(f.label)")
            } else {
                #expect(mine == nil, "\(f.label): numpy found this resample undefined")
            }
        }
    }

    /// Different generators, same distribution: each limit within 4.5 standard deviations of the
    /// difference of two independent runs (the sd is the numpy runs' spread at the same replicate count).
    @Test("Percentile and BCa limits, tail probabilities within Monte-Carlo tolerance", arguments: fixtures)
    func distribution(_ f: UnitBootstrapFixture) throws {
        let a = try f.computeAlpha()
        let b = f.bootstrap
        func close(_ mine: Double?, _ theirs: Double, _ key: String) throws {
            let tolerance = 4.5 * 2.0.squareRoot() * max(b.sd[key] ?? 0, 1e-4)
            let x = try #require(mine)
            #expect(abs(x - theirs) <= tolerance, "\(f.label) \(key): \(x) vs numpy \(theirs) ± \(tolerance)")
        }
        let p = try #require(a.bootstrap(AlphaBootstrap.Options(replicates: b.replicates, seed: 99)))
        #expect(p.intervalMethod == .percentile)
        try close(p.ciLow, b.percentile_low, "percentile_low")
        try close(p.ciHigh, b.percentile_high, "percentile_high")
        try close(p.probabilityBelow(0.667), b.p_below_667, "p_below_667")
        try close(p.probabilityBelow(0.8), b.p_below_800, "p_below_800")
        try close(Double(p.droppedReplicates) / Double(p.replicates), b.dropped_share, "dropped_share")
        let bca = try #require(a.bootstrap(AlphaBootstrap.Options(replicates: b.replicates, seed: 99, interval: .bca)))
        #expect(bca.intervalMethod == .bca)
        try close(bca.ciLow, b.bca_low, "bca_low")
        try close(bca.ciHigh, b.bca_high, "bca_high")
        #expect(abs(try #require(bca.acceleration) - f.acceleration) < 1e-9)
    }

    /// The fixtures cover both ways of drawing a replicate: unit by unit (few units per pattern) and as
    /// multinomial pattern counts (binary_1000, ordinal3_1500), each checked above against numpy drawing
    /// every unit.
    @Test("The fixtures exercise both the unit-by-unit draw and the multinomial pattern counts")
    func bothDraws() throws {
        var paths: [String: Bool] = [:]
        for f in Self.fixtures { paths[f.label] = AlphaBootstrap.drawsPatternCounts(try f.computeAlpha().pairableUnits) }
        #expect(paths["binary_1000 nominal"] == true)
        #expect(paths["ordinal3_1500 ordinal"] == true)
        #expect(paths["hayes2007 ordinal"] == false)
        #expect(paths["rare_binary nominal"] == false)
    }

    @Test("Hayes & Krippendorff 2007: units give about [.62, .84]; KALPHA's pairs give a narrower interval")
    func hayes2007() throws {
        let f = try #require(Self.fixtures.first { $0.name == "hayes2007" && $0.level == "ordinal" })
        let a = try f.computeAlpha()
        let units = try #require(a.bootstrap(AlphaBootstrap.Options(replicates: 5000, seed: 1)))
        let low: Double = units.ciLow, high: Double = units.ciHigh
        #expect(abs(low - 0.62) < 0.02, "[\(low), \(high)]")
        #expect(abs(high - 0.84) < 0.02, "[\(low), \(high)]")
        let kalpha = try #require(a.bootstrap(AlphaBootstrap.Options(replicates: 5000, seed: 1, method: .kalpha)))
        #expect(kalpha.intervalMethod == .kalpha)
        let kLow: Double = kalpha.ciLow, kHigh: Double = kalpha.ciHigh
        #expect(kHigh - kLow < high - low)
        #expect(kLow > 0.69, "[\(kLow), \(kHigh)]")
        #expect(kHigh < 0.83, "[\(kLow), \(kHigh)]")
    }

    @Test("No disagreement at all: no shortfall probability, interval [1, 1]")
    func perfectAgreement() throws {
        let data = try ReliabilityData(numbers: [[1, 1], [2, 2], [1, 1], [2, 2], [1, 1]])
        let a = try KrippendorffAlpha(data, level: .nominal)
        let b = try #require(a.bootstrap(replicates: 500, seed: 3))
        #expect(b.tails.isEmpty && b.tailsOmittedReason != nil)
        #expect(b.probabilityBelow(0.667) == nil)
        #expect(b.ciLow == 1 && b.ciHigh == 1)
        // Resamples with only one category are undefined and dropped, and counted.
        #expect(b.droppedReplicates > 0 && b.validReplicates + b.droppedReplicates == 500)
    }

    @Test("Two coders × 200k units: the interval is as narrow as the standard error says")
    func largeSample() throws {
        var codes = [Int32](repeating: 0, count: 400_000)
        var rng = SplitMix64(seed: 5)
        for u in 0..<200_000 {
            let truth: Int32 = rng.nextUnit() < 0.5 ? 1 : 0
            codes[2 * u] = truth
            codes[2 * u + 1] = rng.nextUnit() < 0.95 ? truth : 1 - truth
        }
        let data = try ReliabilityData(codes: codes, unitCount: 200_000, coderNames: ["a", "b"], categories: ["0", "1"])
        let a = try KrippendorffAlpha(data, level: .nominal)
        let b = try #require(a.bootstrap(replicates: 100, seed: 1))
        let se = try #require(a.gwetEstimate.standardError)
        let value = try #require(a.value)
        // 95% interval ≈ ±1.96 SE; allow Monte-Carlo slack at 100 replicates.
        #expect(b.ciLow < value && value < b.ciHigh)
        #expect(b.ciHigh - b.ciLow < 2 * 1.96 * se * 1.5 && b.ciHigh - b.ciLow > 2 * 1.96 * se * 0.6,
                "width \(b.ciHigh - b.ciLow) vs SE \(se)")
    }

    @Test("Same seed, same replicates")
    func reproducible() throws {
        let f = try #require(Self.fixtures.first)
        let a = try f.computeAlpha()
        let x = try #require(a.bootstrap(replicates: 300, seed: 11))
        let y = try #require(a.bootstrap(replicates: 300, seed: 11))
        #expect(x.ciLow == y.ciLow)
        #expect(x.ciHigh == y.ciHigh)
        #expect(x.tails == y.tails)
        #expect(x.drawsPerReplicate == f.pairable_units)
    }
}

extension UnitBootstrapFixture: CustomTestStringConvertible {
    var testDescription: String { label }
}

@Suite("Sample size (Krippendorff 2019, Bloch & Kraemer 1989)")
struct SampleSizeTests {
    @Test("Worked values: p_c = .25 at p = .05 needs 139 units for .800 and 81 for .667")
    func worked() {
        #expect(ReliabilitySampleSize.requiredUnits(minimumAlpha: 0.8, significance: 0.05, smallestShare: 0.25) == 139)
        #expect(ReliabilitySampleSize.requiredUnits(minimumAlpha: 0.667, significance: 0.05, smallestShare: 0.25) == 81)
        #expect(ReliabilitySampleSize.requiredUnits(minimumAlpha: 1, smallestShare: 0.25) == nil)
    }

    @Test("Normal quantile")
    func normal() {
        #expect(abs(StandardNormal.quantile(0.95) - 1.6448536269514722) < 1e-12)
        #expect(abs(StandardNormal.quantile(0.025) + 1.959963984540054) < 1e-12)
    }
}
