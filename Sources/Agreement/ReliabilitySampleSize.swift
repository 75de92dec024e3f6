#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// How many units a reliability sample needs so that alpha can be shown to exceed a minimum, for two
/// coders: Krippendorff (2019, Content Analysis, 4th ed., ch. 12, the table of required sample sizes),
/// who adopts Bloch & Kraemer's (1989, eq. 3.7) formula
///
///     N = 2 z² · [ (1 + α_min)(3 − α_min) / (4 (1 − α_min) p_c (1 − p_c)) − α_min ]
///
/// where z is the one-sided standard normal quantile of the significance level (1.645 for .05) and p_c the
/// share of the least frequent category expected in the data. The table's worked values are reproduced
/// exactly (e.g. p_c = .25, α_min = .800, p = .05: 139 units; α_min = .667: 81).
public enum ReliabilitySampleSize {
    /// Units needed (rounded up); nil when an argument is out of range (α_min must be in (0, 1),
    /// significance in (0, .5), p_c in (0, 1)).
    public static func requiredUnits(minimumAlpha: Double, significance: Double = 0.05, smallestShare: Double) -> Int? {
        guard minimumAlpha > 0, minimumAlpha < 1, significance > 0, significance < 0.5,
              smallestShare > 0, smallestShare < 1 else { return nil }
        let z = StandardNormal.quantile(1 - significance)
        let a = minimumAlpha, p = smallestShare
        let n = 2 * z * z * ((1 + a) * (3 - a) / (4 * (1 - a) * p * (1 - p)) - a)
        // Round up, but not past an integer that rounding error put a hair below.
        return Int((n - 1e-9).rounded(.up))
    }
}
