import Codebook
import Foundation
import Reconciliation

/// Number and text formatting shared by the renderers. Internal.
enum ReportFormat {
    /// The sign printed for an undefined value.
    static let undefined = "—"

    /// Three decimals; undefined, NaN and infinite values print as "—".
    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return undefined }
        let s = String(format: "%.3f", x)
        return s == "-0.000" ? "0.000" : s
    }

    /// `[low, high]`, or "—" unless both ends are defined.
    static func interval(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high, low.isFinite, high.isFinite else { return undefined }
        return "[\(number(low)), \(number(high))]"
    }

    /// `.667` style for a minimum in a column header.
    static func minimum(_ x: Double) -> String {
        let s = number(x)
        return s.hasPrefix("0.") ? String(s.dropFirst()) : s
    }

    /// How the intervals were obtained, said once under the table.
    static func intervalNote(_ criteria: [CriterionReliability]) -> String {
        var s = ""
        if let r = criteria.first(where: { $0.bootstrapReplicates > 0 })?.bootstrapReplicates {
            s = "α's interval and P(α < …) from \(r) bootstrap replicates resampling units with their values, percentile interval (Efron & Tibshirani 1993; Zapf et al. 2016)."
            let dropped = criteria.map(\.droppedReplicates).reduce(0, +)
            if dropped > 0 { s += " Replicates in which α was undefined were dropped (\(dropped) in all)." }
            s += " "
        }
        return s + "κ and AC1 intervals: Gwet's (2014) analytic standard errors, t intervals."
    }

    /// A CSS class name for a verdict (no spaces).
    static func cssClass(_ v: ReliabilityVerdict) -> String { v == .insufficientData ? "insufficient" : v.rawValue }

    static func verdict(_ v: ReliabilityVerdict) -> String {
        switch v {
        case .reliable: "reliable"
        case .tentative: "tentative"
        case .unreliable: "unreliable"
        case .insufficientData: "insufficient data"
        case .undefined: "undefined"
        }
    }

    static func status(_ s: CriterionStatus) -> String {
        switch s {
        case .established: "established"
        case .refuted: "refuted"
        case .contested: "contested"
        case .notFound: "not found"
        }
    }

    static func membership(_ m: Membership) -> String {
        switch m {
        case .member: "member"
        case .notMember: "not member"
        case .indeterminate: "indeterminate"
        }
    }

    static func verdict(_ v: Classification.Verdict) -> String {
        switch v {
        case .members: "members"
        case .none: "none"
        case .indeterminate: "indeterminate"
        }
    }

    /// Text safe inside XML/XHTML element content and attribute values. Characters XML forbids
    /// (control characters other than tab, newline, carriage return) are dropped.
    static func xml(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text safe in a Markdown table cell: one line, pipes escaped, `<` escaped so that text
    /// such as `<interest>` is not taken for an HTML tag.
    static func cell(_ text: String) -> String {
        // One pass over the scalars (a report at scale escapes hundreds of thousands of cells).
        var out = ""
        out.unicodeScalars.reserveCapacity(text.utf8.count + 8)
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "<": out += "\\<"
            case "|": out += "\\|"
            case "\r": out += " "
            case "\n": if !afterCR { out += " " }   // CRLF is one break: one space
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Markdown text with `<` backslash-escaped (CommonMark renders `\<` as `<`).
    static func inline(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "<" { out += "\\<" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled.
    static func csv(_ field: String) -> String {
        // The four characters are ASCII, so their UTF-8 bytes decide (a CRLF holds both CR and LF).
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        else { return field }
        var out = "\""
        out.unicodeScalars.reserveCapacity(field.utf8.count + 8)
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
