import Foundation
import Testing
@testable import Agreement

/// The binomial and multinomial variates behind the pattern-count bootstrap, against the exact probability
/// function (computed here with `lgamma`, independently of the sampler).
@Suite("Binomial and multinomial variates (inversion, BTPE)")
struct BinomialVariateTests {
    /// ln P(X = x) for X ~ Bin(n, p).
    static func logPMF(_ x: Int, _ n: Int, _ p: Double) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(x) + 1) - lgamma(Double(n - x) + 1)
            + Double(x) * log(p) + Double(n - x) * log1p(-p)
    }

    /// Pearson's chi-square of `draws` variates against Bin(n, p), cells merged from the tails inwards until
    /// each expects at least 20; returns the statistic and its degrees of freedom.
    static func chiSquare(_ values: [Int], _ n: Int, _ p: Double) -> (statistic: Double, df: Int) {
        var observed = [Int: Int]()
        for v in values { observed[v, default: 0] += 1 }
        let total = Double(values.count)
        var cells: [(expected: Double, observed: Double)] = []
        var pendingE = 0.0, pendingO = 0.0
        for x in 0...n {
            pendingE += total * exp(logPMF(x, n, p))
            pendingO += Double(observed[x] ?? 0)
            if pendingE >= 20 { cells.append((pendingE, pendingO)); pendingE = 0; pendingO = 0 }
        }
        if !cells.isEmpty { cells[cells.count - 1].expected += pendingE; cells[cells.count - 1].observed += pendingO }
        let statistic = cells.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        return (statistic, cells.count - 1)
    }

    /// Upper 10⁻⁶ quantile of chi-square with `df` degrees of freedom (Wilson & Hilferty 1931): a correct
    /// sampler fails this once in a million seeds, a wrong one (a biased hat or test) fails it at these sizes.
    static func critical(_ df: Int) -> Double {
        let k = Double(df), z = StandardNormal.quantile(1 - 1e-6)
        let c = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
        return k * c * c * c
    }

    @Test("Binomial variates follow the binomial probability function (inversion and BTPE, both tails of p)",
          arguments: [(200, 0.1), (100, 0.29), (100_000, 0.0002), (60, 0.5), (1000, 0.5), (137, 0.31),
                      (100_000, 0.3), (5000, 0.93), (2_000_000, 0.01)])
    func binomial(_ n: Int, _ p: Double) {
        var rng = SplitMix64(seed: UInt64(n) &* 31 &+ UInt64(p * 1e6))
        let draws = 60_000
        var values = [Int](repeating: 0, count: draws)
        for i in 0..<draws { values[i] = BinomialVariate.draw(trials: n, probability: p, using: &rng) }
        #expect(values.allSatisfy { $0 >= 0 && $0 <= n })
        let mean = Double(values.reduce(0, +)) / Double(draws)
        let sd = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(mean - Double(n) * p) < 5 * sd / Double(draws).squareRoot(), "mean \(mean) vs \(Double(n) * p)")
        let (statistic, df) = Self.chiSquare(values, n, p)
        #expect(df >= 5)
        #expect(statistic < Self.critical(df), "chi-square \(statistic) on \(df) df")
    }

    @Test("Degenerate probabilities and no trials")
    func degenerate() {
        var rng = SplitMix64(seed: 1)
        #expect(BinomialVariate.draw(trials: 50, probability: 0, using: &rng) == 0)
        #expect(BinomialVariate.draw(trials: 50, probability: 1, using: &rng) == 50)
        #expect(BinomialVariate.draw(trials: 0, probability: 0.4, using: &rng) == 0)
    }

    /// Multinomial by conditional binomials: every count's marginal is Bin(n, f_i/F), counts sum to n, and
    /// two counts covary as −n p_i p_j.
    @Test("Multinomial counts: sum, binomial marginals (first, middle, remainder) and covariance")
    func multinomial() {
        let frequencies = [50_000, 30_000, 15_000, 4_000, 900, 100]
        let total = Double(frequencies.reduce(0, +)), n = 20_000
        var rng = SplitMix64(seed: 7)
        let draws = 30_000
        var columns = [[Int]](repeating: [], count: frequencies.count)
        var counts = [Int](repeating: 0, count: frequencies.count)
        for _ in 0..<draws {
            frequencies.withUnsafeBufferPointer { f in
                counts.withUnsafeMutableBufferPointer { c in
                    BinomialVariate.multinomial(trials: n, frequencies: f, into: c, using: &rng)
                }
            }
            #expect(counts.reduce(0, +) == n)
            for i in counts.indices { columns[i].append(counts[i]) }
        }
        for i in [0, 2, 5] {
            let p = Double(frequencies[i]) / total
            let (statistic, df) = Self.chiSquare(columns[i], n, p)
            #expect(statistic < Self.critical(df), "category \(i): chi-square \(statistic) on \(df) df")
        }
        // Correlation of counts 0 and 1: −sqrt(p0 p1 / ((1 − p0)(1 − p1))); its sampling sd is about 1/sqrt(draws).
        let p0 = Double(frequencies[0]) / total, p1 = Double(frequencies[1]) / total
        let expected = -(p0 * p1 / ((1 - p0) * (1 - p1))).squareRoot()
        let x = columns[0].map(Double.init), y = columns[1].map(Double.init)
        let mx = x.reduce(0, +) / Double(draws), my = y.reduce(0, +) / Double(draws)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<draws { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); syy += (y[k] - my) * (y[k] - my) }
        let r = sxy / (sxx * syy).squareRoot()
        #expect(abs(r - expected) < 5 / Double(draws).squareRoot(), "correlation \(r) vs \(expected)")
    }
}
