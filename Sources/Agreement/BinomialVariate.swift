#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Exact binomial and multinomial variates from a ``SplitMix64`` stream, for the bootstrap over units when
/// it draws how often each pattern of values is resampled instead of drawing the units one by one.
///
/// **Binomial(n, p).** With r = min(p, 1 − p) (and n − X returned when p > ½):
/// - n·r < 30: inversion, a sequential search up the probability function from P(0) = (1 − r)ⁿ with the
///   recurrence P(x) = P(x − 1)·(n − x + 1)/x · r/(1 − r) (Devroye 1986, §X.4.3; Kachitvichyanukul &
///   Schmeiser 1988 use it below their threshold of 30 as well). One uniform per variate, as many steps as the
///   variate's value.
/// - otherwise: BTPE, Kachitvichyanukul & Schmeiser (1988), "Binomial random variate generation",
///   Communications of the ACM 31(2):216–222: a rejection method under a hat of a triangle, two
///   parallelograms and two exponential tails, with the squeeze of their step 5.2. Their final test (step 5.3)
///   is made here with `lgamma` on the exact log ratio ln f(y)/f(m); the printed Stirling series adds the
///   corrections for y! and (n − y)! where they must be subtracted, which is off by about 10⁻³ in the log ratio
///   (checked against `lgamma`), and an exact test costs nothing measurable since it is rarely reached.
///
/// **Multinomial(n; p₁ … p_k)** by conditional binomials: X₁ ~ Bin(n, p₁), then
/// X_i ~ Bin(n − X₁ − … − X_{i−1}, p_i / (p_i + … + p_k)), and X_k the rest (Devroye 1986, §XI.1.4).
/// The probabilities are given as integer frequencies, so each conditional probability is one exact division.
enum BinomialVariate {
    /// One Binomial(`trials`, `probability`) variate.
    static func draw(trials n: Int, probability p: Double, using rng: inout SplitMix64) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p < 1 else { return n }
        let r = min(p, 1 - p)
        let y = Double(n) * r < 30 ? inversion(n, r, &rng) : btpe(n, r, &rng)
        return p > 0.5 ? n - y : y
    }

    /// Multinomial counts of `trials` draws over categories with the given (positive) `frequencies`,
    /// written into `counts` (same length).
    static func multinomial(trials n: Int, frequencies: UnsafeBufferPointer<Int>, into counts: UnsafeMutableBufferPointer<Int>,
                            using rng: inout SplitMix64) {
        var remainingTrials = n
        var remainingFrequency = 0
        for f in frequencies { remainingFrequency += f }
        let last = frequencies.count - 1
        for i in 0..<last {
            let x = remainingTrials == 0 ? 0 : draw(trials: remainingTrials,
                                                     probability: Double(frequencies[i]) / Double(remainingFrequency), using: &rng)
            counts[i] = x
            remainingTrials -= x
            remainingFrequency -= frequencies[i]
        }
        if last >= 0 { counts[last] = remainingTrials }
    }

    /// Inversion for n·r < 30, r ≤ ½: P(0) = (1 − r)ⁿ ≥ e^(−42) cannot underflow. Should rounding leave the
    /// uniform above the whole mass, the search restarts with a fresh uniform rather than return a bad value.
    private static func inversion(_ n: Int, _ r: Double, _ rng: inout SplitMix64) -> Int {
        let q = 1 - r, ratio = r / q
        let p0 = exp(Double(n) * log1p(-r))
        while true {
            var u = rng.nextUnit()
            var x = 0, px = p0
            while u > px {
                u -= px
                x += 1
                if x > n { break }
                px *= Double(n - x + 1) / Double(x) * ratio
            }
            if x <= n { return x }
        }
    }

    /// BTPE for n·r ≥ 30, r ≤ ½ (Kachitvichyanukul & Schmeiser 1988, steps 0–5; names as in the paper).
    private static func btpe(_ n: Int, _ r: Double, _ rng: inout SplitMix64) -> Int {
        let nd = Double(n)
        let q = 1 - r
        let nrq = nd * r * q
        // Step 0: the hat's pieces.
        let fm = nd * r + r
        let m = Int(fm.rounded(.down))
        let md = Double(m)
        let p1 = (2.195 * nrq.squareRoot() - 4.6 * q).rounded(.down) + 0.5
        let xm = md + 0.5, xl = xm - p1, xr = xm + p1
        let c = 0.134 + 20.5 / (15.3 + md)
        var a = (fm - xl) / (fm - xl * r)
        let lambdaL = a * (1 + a / 2)
        a = (xr - fm) / (xr * q)
        let lambdaR = a * (1 + a / 2)
        let p2 = p1 * (1 + 2 * c), p3 = p2 + c / lambdaL, p4 = p3 + c / lambdaR
        let logPQ = log(r / q)
        let lgammaM = lgamma(md + 1) + lgamma(nd - md + 1)
        while true {
            // Step 1: the triangle, accepted at once.
            let u = rng.nextUnit() * p4
            var v = rng.nextUnit()
            if u <= p1 { return Int((xm - p1 * v + u).rounded(.down)) }
            let y: Int
            if u <= p2 {
                // Step 2: the parallelograms.
                let x = xl + (u - p1) / c
                v = v * c + 1 - abs(md - x + 0.5) / p1
                if v > 1 { continue }
                y = Int(x.rounded(.down))
            } else if u <= p3 {
                // Step 3: left exponential tail.
                guard v > 0 else { continue }
                let yl = (xl + log(v) / lambdaL).rounded(.down)
                if yl < 0 { continue }
                y = Int(yl)
                v *= (u - p2) * lambdaL
            } else {
                // Step 4: right exponential tail.
                guard v > 0 else { continue }
                let yr = (xr - log(v) / lambdaR).rounded(.down)
                if yr > nd { continue }
                y = Int(yr)
                v *= (u - p3) * lambdaR
            }
            // Step 5: accept when v ≤ f(y)/f(m).
            let k = abs(y - m)
            let kd = Double(k)
            if k <= 20 || kd >= nrq / 2 - 1 {
                // 5.1: the ratio by its recurrence.
                let s = r / q, aa = s * (nd + 1)
                var f = 1.0
                if m < y {
                    for i in (m + 1)...y { f *= aa / Double(i) - s }
                } else if m > y {
                    for i in (y + 1)...m { f /= aa / Double(i) - s }
                }
                if v <= f { return y }
                continue
            }
            // 5.2: squeeze on log v around the normal approximation.
            let rho = (kd / nrq) * ((kd * (kd / 3 + 0.625) + 1.0 / 6) / nrq + 0.5)
            let t = -kd * kd / (2 * nrq)
            let logV = log(v)
            if logV < t - rho { return y }
            if logV > t + rho { continue }
            // 5.3: the exact log ratio.
            let yd = Double(y)
            let logRatio = lgammaM - lgamma(yd + 1) - lgamma(nd - yd + 1) + (yd - md) * logPQ
            if logV <= logRatio { return y }
        }
    }
}
