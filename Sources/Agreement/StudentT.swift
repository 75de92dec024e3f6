#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Student's t distribution: the quantile used for the kappa-type confidence intervals.
enum StudentT {
    /// The p-quantile of t with `df` degrees of freedom (bisection on the exact CDF; |error| < 1e-13).
    static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0)
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        var lo = 0.0, hi = 1.0
        while cdf(hi, df) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, df) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }

    /// P(T ≤ t).
    static func cdf(_ t: Double, _ df: Double) -> Double {
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// I_x(a, b) by the continued fraction (Numerical Recipes, betacf).
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * continuedFraction(x, a, b) / a
        }
        return 1 - exp(lnFront) * continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return h
    }
}
