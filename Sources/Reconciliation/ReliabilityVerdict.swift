import Foundation
import Agreement
import Codebook

/// What the data say about whether a criterion (or category) can be coded reliably, judged on the
/// uncertainty of alpha, not on its point estimate.
///
/// Krippendorff (2004, §11.4; 2019, ch. 12) suggests relying on variables with alpha ≥ .800 and drawing only
/// tentative conclusions from those between .667 and .800. Because a point estimate above .800 can come from
/// a sample too small to rule out much lower values, the verdict compares the *lower limit* of alpha's 95%
/// interval with these minimums (as Krippendorff's own test asks whether alpha is significantly above α_min):
/// reliable when the lower limit is at least the higher minimum, tentative when at least the lower one.
/// Before that, the sample must be large enough to test the lower minimum at all: with p_c the share of the
/// least frequent value among the pairable values, Krippendorff's (2019) required sample size (Bloch &
/// Kraemer's formula; see ``ReliabilitySampleSize``) at the lower minimum and the significance level of the
/// thresholds; with fewer pairable units the verdict is `insufficient data`. A verdict is about the
/// criterion as applied by these coders to this sample, not about the criterion in general.
public enum ReliabilityVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// The interval's lower limit reaches the higher minimum (.800 by default).
    case reliable
    /// The lower limit reaches the lower minimum (.667) but not the higher: conclusions are tentative.
    case tentative
    /// The lower limit is below the lower minimum.
    case unreliable
    /// The sample holds too few units of the rarer value to test the lower minimum.
    case insufficientData = "insufficient data"
    /// Alpha cannot be computed (e.g. every value is the same, so there is no variation to
    /// compare disagreement against); the accompanying reason says why.
    case undefined

    /// The verdict on a value alone against `minimums` (lowest and highest are used); for figures that have
    /// no interval. Prefer ``judge(alpha:lowerLimit:pairableUnits:smallestShare:thresholds:)``.
    public init(alpha: Double?, minimums: [Double] = [0.667, 0.8]) {
        guard let alpha, alpha.isFinite else { self = .undefined; return }
        let low = minimums.min() ?? 0.667, high = minimums.max() ?? 0.8
        if alpha >= high { self = .reliable } else if alpha >= low { self = .tentative } else { self = .unreliable }
    }

    /// The verdict on uncertainty, with the reason in plain words when it is not simply the interval's.
    ///
    /// - Parameters:
    ///   - alpha: The point estimate (nil when undefined).
    ///   - lowerLimit: The lower limit of alpha's 95% interval (bootstrap, or Gwet's analytic interval).
    ///   - pairableUnits: Units with two or more values.
    ///   - smallestShare: Share of the least frequent value among the pairable values.
    public static func judge(alpha: Double?, lowerLimit: Double?, pairableUnits: Int, smallestShare: Double?,
                             thresholds: ReliabilityThresholds) -> (verdict: ReliabilityVerdict, reason: String?) {
        guard let alpha, alpha.isFinite else { return (.undefined, nil) }
        if let minimum = thresholds.minimumUnits, pairableUnits < minimum {
            return (.insufficientData, "\(pairableUnits) units, fewer than the \(minimum) the codebook requires (reliability.min_units)")
        }
        if let share = smallestShare, share > 0, share < 1,
           let needed = ReliabilitySampleSize.requiredUnits(minimumAlpha: thresholds.tentative,
                                                            significance: thresholds.significance, smallestShare: share),
           pairableUnits < needed {
            let percent = share * 100 < 1 ? String(format: "%.1f", share * 100) : "\(Int((share * 100).rounded()))"
            return (.insufficientData, "\(pairableUnits) units, but with the rarer value in \(percent)% of values, showing alpha ≥ \(ReliabilityThresholds.text(thresholds.tentative)) at p = \(ReliabilityThresholds.text(thresholds.significance)) needs \(needed) (Krippendorff 2019; Bloch & Kraemer 1989)")
        }
        guard let low = lowerLimit, low.isFinite else {
            return (.insufficientData, "alpha has no interval (too few units to estimate its uncertainty)")
        }
        if low >= thresholds.reliable { return (.reliable, nil) }
        if low >= thresholds.tentative { return (.tentative, nil) }
        return (.unreliable, nil)
    }
}

/// The minimums a verdict uses (Krippendorff 2004, §11.4: .800 to rely on a variable, .667 for tentative
/// conclusions) and the significance level of the sample-size test. A codebook may set its own.
public struct ReliabilityThresholds: Sendable, Hashable, Codable {
    /// Lower interval limit needed for "reliable".
    public var reliable: Double
    /// Lower interval limit needed for "tentative"; also the α_min of the sample-size test.
    public var tentative: Double
    /// Significance level of the sample-size test (one-sided).
    public var significance: Double
    /// Pairable units below which the verdict is "insufficient data" whatever alpha is (nil: only
    /// the sample-size test decides).
    public var minimumUnits: Int?
    /// Where the thresholds come from, for the notes of reports ("Krippendorff's defaults" or the codebook).
    public var source: String

    public init(reliable: Double = 0.8, tentative: Double = 0.667, significance: Double = 0.05, minimumUnits: Int? = nil,
                source: String = "Krippendorff's (2004, 2019) defaults") {
        self.reliable = reliable
        self.tentative = tentative
        self.significance = significance
        self.minimumUnits = minimumUnits
        self.source = source
    }

    /// The codebook's `reliability:` section over the defaults; the defaults when it has none.
    public init(codebook: Codebook) {
        guard let s = codebook.reliability else { self.init(); return }
        self.init(reliable: s.reliable ?? 0.8, tentative: s.tentative ?? 0.667, significance: s.significance ?? 0.05,
                  minimumUnits: s.minimumUnits, source: "codebook \(codebook.id) \(codebook.version)")
    }

    /// One sentence for reports and command output: the rule the verdicts followed.
    public var sentence: String {
        var s = "Verdicts judge the lower limit of alpha's 95% interval: reliable if it is at least \(Self.text(reliable)), tentative if at least \(Self.text(tentative)), otherwise unreliable; insufficient data when the rarer value is too scarce to test \(Self.text(tentative)) at p = \(Self.text(significance)) (Krippendorff 2019)"
        if let m = minimumUnits { s += " or fewer than \(m) units are pairable" }
        return s + ". Thresholds: \(source)."
    }

    /// The minimums, lowest first.
    public var minimums: [Double] { [tentative, reliable] }

    /// ".667" rather than "0.667".
    public static func text(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasPrefix("0.") { s.removeFirst() }
        return s
    }
}
