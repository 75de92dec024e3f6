#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The standard normal distribution, for the bias-corrected and accelerated (BCa) bootstrap interval
/// and the sample-size plan (Krippendorff 2019, via Bloch & Kraemer 1989).
enum StandardNormal {
    /// Φ(x) = P(Z ≤ x), from the C library's complementary error function.
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1, by bisection on ``cdf(_:)`` (|error| < 1e-14).
    static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p) }
        var lo = 0.0, hi = 1.0
        while cdf(hi) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-15 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }
}
