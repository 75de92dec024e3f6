import Foundation
import Reconciliation

/// The inline SVG chart: alpha per criterion as a point, its 95% interval as a horizontal bar,
/// vertical reference lines at the minimums. Internal; part of ``HTMLReport``.
enum AlphaChart {
    static let width = 720.0
    static let labelWidth = 230.0
    static let right = 30.0
    static let top = 34.0
    static let rowHeight = 26.0
    static let bottom = 40.0

    static func svg(_ report: ReliabilityReport) -> String {
        let rows = report.criteria
        let values = rows.flatMap { [$0.alpha, $0.alphaLow, $0.alphaHigh].compactMap { $0 } }.filter(\.isFinite)
        // Domain: [lo, 1], lo at most 0, rounded down to a tenth, not below −1.
        let lo = max(-1, min(0, ((values.min() ?? 0) * 10).rounded(.down) / 10))
        let plotLeft = labelWidth, plotRight = width - right
        func x(_ v: Double) -> Double { plotLeft + (min(1, max(lo, v)) - lo) / (1 - lo) * (plotRight - plotLeft) }
        let plotBottom = top + rowHeight * Double(max(rows.count, 1))
        let height = plotBottom + bottom
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"alpha-chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"alpha-chart-title\">\n"
        s += "<title id=\"alpha-chart-title\">Krippendorff's alpha per criterion with bootstrap 95% intervals</title>\n"
        // Axis and ticks.
        s += "<line class=\"axis\" x1=\"\(f(plotLeft))\" y1=\"\(f(plotBottom))\" x2=\"\(f(plotRight))\" y2=\"\(f(plotBottom))\" stroke=\"#444\" stroke-width=\"1\"/>\n"
        var tick = lo
        while tick <= 1.0001 {
            let tx = x(tick)
            s += "<line class=\"tick\" x1=\"\(f(tx))\" y1=\"\(f(plotBottom))\" x2=\"\(f(tx))\" y2=\"\(f(plotBottom + 5))\" stroke=\"#444\"/>"
            s += "<text class=\"tick-label\" x=\"\(f(tx))\" y=\"\(f(plotBottom + 18))\" text-anchor=\"middle\" font-size=\"11\">\(tickLabel(tick))</text>\n"
            tick = (tick * 10 + 2).rounded() / 10
        }
        s += "<text class=\"axis-label\" x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\" font-size=\"12\">Krippendorff's alpha (nominal)</text>\n"
        // Reference lines.
        for (i, m) in report.sortedMinimums.enumerated() where m > lo && m <= 1 {
            let rx = x(m)
            let name = ReportFormat.minimum(m)
            s += "<line class=\"reference\" data-minimum=\"\(ReportFormat.number(m))\" x1=\"\(f(rx))\" y1=\"\(f(top - 8))\" x2=\"\(f(rx))\" y2=\"\(f(plotBottom))\" stroke=\"\(i == 0 ? "#b26b00" : "#2e7d32")\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
            s += "<text class=\"reference-label\" x=\"\(f(rx))\" y=\"\(f(top - 12))\" text-anchor=\"\(i == 0 ? "end" : "start")\" font-size=\"11\">α = \(name)</text>\n"
        }
        // Rows.
        for (i, c) in rows.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            let label = ReportFormat.xml(c.criterion)
            s += "<g class=\"criterion\" data-criterion=\"\(label)\">"
            s += "<text class=\"criterion-label\" x=\"\(f(plotLeft - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" font-size=\"12\">\(label)</text>"
            if let a = c.alpha, a.isFinite {
                if let low = c.alphaLow, let high = c.alphaHigh, low.isFinite, high.isFinite {
                    s += "<line class=\"interval\" x1=\"\(f(x(low)))\" y1=\"\(f(y))\" x2=\"\(f(x(high)))\" y2=\"\(f(y))\" stroke=\"#555\" stroke-width=\"3\"/>"
                }
                s += "<circle class=\"alpha-point\" cx=\"\(f(x(a)))\" cy=\"\(f(y))\" r=\"5\" fill=\"\(color(c.verdict))\"><title>\(label): alpha \(ReportFormat.number(a)), 95% interval \(ReportFormat.interval(c.alphaLow, c.alphaHigh))</title></circle>"
            } else {
                s += "<text class=\"undefined\" x=\"\(f(plotLeft + 4))\" y=\"\(f(y + 4))\" font-size=\"11\" fill=\"#777\">alpha undefined</text>"
            }
            s += "</g>\n"
        }
        s += "</svg>"
        return s
    }

    static func tickLabel(_ v: Double) -> String {
        let s = String(format: "%.1f", v)
        return s == "-0.0" ? "0.0" : s
    }

    static func color(_ v: ReliabilityVerdict) -> String {
        switch v {
        case .reliable: "#2e7d32"
        case .tentative: "#b26b00"
        case .unreliable: "#c62828"
        case .undefined, .insufficientData: "#777777"
        }
    }
}
