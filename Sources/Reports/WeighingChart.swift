import Foundation
import Reconciliation
import Weighing

/// The inline SVG waterfall of one hypothesis's weighing: the prior's log-odds, each item's
/// weight as a bar floating from the log-odds before it to the log-odds after it (up for evidence
/// for the category, down against; a flat mark for an item counted once with another), and the
/// posterior. The dashed line is even odds (probability 1/2). Internal; part of ``HTMLReport``.
enum WeighingChart {
    static let height = 230.0
    static let left = 96.0
    static let right = 16.0
    static let top = 26.0
    static let bottom = 40.0

    /// nil when a log-odds is infinite (a likelihood of 0 in the codebook): no finite scale shows it.
    static func svg(_ h: HypothesisWeighing, id: String) -> String? {
        let steps = [h.priorLogOdds] + h.items.map(\.runningLogOdds)
        guard steps.allSatisfy(\.isFinite), h.posteriorLogOdds.isFinite else { return nil }
        let n = h.items.count + 2  // prior, items, posterior
        // At least 360 wide so the labels fit; steps between 22 and 80 px.
        let step = max(22.0, min(80.0, max(620.0 / Double(n), (360 - left - right) / Double(n))))
        let width = max(360, left + right + step * Double(n))
        // Domain: every level and 0, padded to whole multiples of 5 dB.
        let levels = steps + [h.posteriorLogOdds, 0]
        let hi = max(5, (levels.max()! / 5).rounded(.up) * 5)
        let low = min(-5, (levels.min()! / 5).rounded(.down) * 5)
        let plotBottom = height - bottom
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - low) * (plotBottom - top) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let x = ReportFormat.xml
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"weighing-chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"\(x(id))-title\">\n"
        s += "<title id=\"\(x(id))-title\">Weights of evidence for \(x(h.category)) from prior to posterior, in decibans</title>\n"
        // Vertical axis with ticks every 5 or 10 dB, labelled in dB and as a probability.
        let span = hi - low
        let every = span > 60 ? 20.0 : (span > 30 ? 10.0 : 5.0)
        var t = (low / every).rounded(.up) * every
        while t <= hi + 1e-9 {
            let ty = y(t)
            s += "<line x1=\"\(f(left - 4))\" y1=\"\(f(ty))\" x2=\"\(f(width - right))\" y2=\"\(f(ty))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\" font-size=\"10\">\(Int(t)) dB (\(probabilityLabel(t)))</text>\n"
            t += every
        }
        s += "<line class=\"even\" x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(0)))\" stroke=\"#666\" stroke-dasharray=\"4 3\"/>\n"
        func bar(_ i: Int, from a: Double, to b: Double, fill: String, label: String, tooltip: String) {
            let bx = left + step * Double(i) + step * 0.15
            let top = min(y(a), y(b)), h = max(1.5, abs(y(a) - y(b)))
            s += "<rect x=\"\(f(bx))\" y=\"\(f(top))\" width=\"\(f(step * 0.7))\" height=\"\(f(h))\" fill=\"\(fill)\"><title>\(x(tooltip))</title></rect>"
            s += "<text x=\"\(f(bx + step * 0.35))\" y=\"\(f(plotBottom + 14))\" text-anchor=\"middle\" font-size=\"10\">\(x(label))</text>\n"
        }
        bar(0, from: 0, to: h.priorLogOdds, fill: "#9e9e9e", label: "prior",
            tooltip: "prior \(HypothesisWeighing.format(h.prior)): \(String(format: "%+.2f", h.priorLogOdds)) dB")
        var before = h.priorLogOdds
        for (i, item) in h.items.enumerated() {
            let after = item.runningLogOdds
            let fill = item.countedOnceWith != nil ? "#bdbdbd" : (item.counted >= 0 ? "#2e7d32" : "#c62828")
            var tip = "\(i + 1). \(item.criterion) \(item.reading.rawValue)"
            if let p = item.passageId { tip += ", passage \(p)" }
            tip += ": \(String(format: "%+.2f", item.counted)) dB"
            if item.countedOnceWith != nil { tip += " (counted once with item \(item.countedOnceWith! + 1))" }
            bar(i + 1, from: before, to: after, fill: fill, label: "\(i + 1)", tooltip: tip)
            // Connector from this bar's end to the next bar.
            let cx = left + step * Double(i + 1) + step * 0.85
            s += "<line x1=\"\(f(cx))\" y1=\"\(f(y(after)))\" x2=\"\(f(cx + step * 0.3))\" y2=\"\(f(y(after)))\" stroke=\"#999\"/>\n"
            before = after
        }
        bar(n - 1, from: 0, to: h.posteriorLogOdds, fill: "#1565c0", label: "post.",
            tooltip: "posterior \(HypothesisWeighing.format(h.posterior)): \(String(format: "%+.2f", h.posteriorLogOdds)) dB")
        s += "<text x=\"\(f(left))\" y=\"\(f(height - 6))\" font-size=\"11\">log-odds for \(x(h.category)), dB; dashed line: even odds</text>\n"
        return s + "</svg>\n"
    }

    /// The probability at a log-odds, for tick labels: `0.76`, or `1−1e-04` near the ends.
    static func probabilityLabel(_ db: Double) -> String {
        let p = Weighing.probability(logOdds: db)
        if p > 0.005 && p < 0.995 { return String(format: "%.2f", p) }
        return p < 0.5 ? String(format: "%.0e", p) : "1−" + String(format: "%.0e", 1 - p)
    }
}
