import Foundation

/// Turns TEI/EAD date attributes, ISO 8601 values and simple English dates into `DocumentDate` intervals.
///
/// Bounds keep the source's ISO form; partial dates are completed to whole days
/// (`1965-06` → `1965-06-01` … `1965-06-30`). A value that does not validate is kept in `raw`
/// with precision `unknown` and no bounds (e.g. `when="18270623"`).
public enum DateParser {
    /// The TEI rule: `when`, else `from`/`to`, else `notBefore`/`notAfter`. Nil when all are absent.
    public static func parse(when: String? = nil, from: String? = nil, to: String? = nil,
                             notBefore: String? = nil, notAfter: String? = nil) -> DocumentDate? {
        if let when = when?.trimmed, !when.isEmpty { return parse(when) }
        if let r = range(from?.trimmed, to?.trimmed) { return r }
        return range(notBefore?.trimmed, notAfter?.trimmed)
    }

    /// FRUS `frus:doc-dateTime-min`/`max`: an interval kept verbatim. Precision is `day` when both
    /// bounds fall on the same calendar day spanning it whole, `minute`/`second` when they are equal,
    /// `range` otherwise.
    public static func parseFRUS(min: String?, max: String?) -> DocumentDate? {
        let lo = min?.trimmed.nonEmpty, hi = max?.trimmed.nonEmpty
        guard lo != nil || hi != nil else { return nil }
        let raw = [lo ?? "", hi ?? ""].joined(separator: "/")
        guard let l = lo.flatMap(ISOValue.init), let h = hi.flatMap(ISOValue.init) else {
            return DocumentDate(min: lo, max: hi, precision: .unknown, raw: raw)
        }
        let precision: DatePrecision
        if lo == hi {
            precision = l.precision
        } else if l.day == h.day, l.timeIsStartOfDay, h.timeIsEndOfDay {
            precision = .day
        } else {
            precision = .range
        }
        return DocumentDate(min: lo, max: hi, precision: precision, raw: raw)
    }

    /// One ISO 8601 value (`1965`, `1965-06`, `1965-06-01`, `1965-06-01T10:30:00Z`) or an interval
    /// `a/b` (EAD `@normal`, front matter). Unparseable values give precision `unknown` with `raw`.
    public static func parse(_ value: String) -> DocumentDate? {
        let v = value.trimmed
        if v.isEmpty { return nil }
        if v.contains("/"), !v.hasPrefix("/") || v.count > 1 {
            let parts = v.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                let a = parts[0].isEmpty || parts[0] == ".." ? nil : parts[0]
                let b = parts[1].isEmpty || parts[1] == ".." ? nil : parts[1]
                if var r = range(a, b) { r.raw = v; return r }
            }
            return DocumentDate(min: nil, max: nil, precision: .unknown, raw: v)
        }
        guard let iso = ISOValue(v) else {
            return DocumentDate(min: nil, max: nil, precision: .unknown, raw: v)
        }
        return DocumentDate(min: iso.lowerBound, max: iso.upperBound, precision: iso.precision, raw: v)
    }

    /// English dates as printed in datelines: `April 1, 1965`, `3 February 1957`, `June 1965`, `1965`.
    public static func parseText(_ text: String) -> DocumentDate? {
        let cleaned = text.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: ",", with: " ")
        let words = cleaned.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var year: Int?, month: Int?, day: Int?
        for w in words {
            if let m = monthNumber(w) { if month == nil { month = m } ; continue }
            if let n = Int(w) {
                if w.count == 4, n >= 1000, n <= 2999 { if year == nil { year = n } }
                else if n >= 1, n <= 31, day == nil, month != nil || year == nil { day = n }
            }
        }
        guard let y = year else { return nil }
        var iso = String(format: "%04d", y)
        if let m = month {
            iso += String(format: "-%02d", m)
            if let d = day { iso += String(format: "-%02d", d) }
        }
        guard let value = ISOValue(iso) else { return nil }
        return DocumentDate(min: value.lowerBound, max: value.upperBound, precision: value.precision,
                            raw: TextFold.fold(text))
    }

    static func range(_ a: String?, _ b: String?) -> DocumentDate? {
        let a = a?.nonEmpty, b = b?.nonEmpty
        guard a != nil || b != nil else { return nil }
        let raw = "\(a ?? "")/\(b ?? "")"
        let lo = a.flatMap(ISOValue.init), hi = b.flatMap(ISOValue.init)
        if (a != nil && lo == nil) || (b != nil && hi == nil) {
            return DocumentDate(min: nil, max: nil, precision: .unknown, raw: raw)
        }
        if a == b, let lo { return DocumentDate(min: lo.lowerBound, max: lo.upperBound, precision: lo.precision, raw: raw) }
        return DocumentDate(min: lo?.lowerBound, max: hi?.upperBound, precision: .range, raw: raw)
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]

    static func monthNumber(_ w: String) -> Int? {
        let l = w.lowercased()
        guard l.count >= 3 else { return nil }
        return months.firstIndex(where: { $0 == l || $0.hasPrefix(l) }).map { $0 + 1 }
    }
}

/// A validated ISO 8601 calendar value.
struct ISOValue {
    var year: Int, month: Int?, dayOfMonth: Int?
    var hasTime = false, hasSeconds = false, nonZeroSeconds = false
    var timeIsStartOfDay = true, timeIsEndOfDay = false
    let text: String

    init?(_ s: String) {
        text = s
        let u = Array(s.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= u.count else { return nil }
            var v = 0
            for i in at..<at + n {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = digits(0, 4) else { return nil }
        year = y
        var i = 4
        if i == u.count { return }
        guard u[i] == 45, let m = digits(i + 1, 2), (1...12).contains(m) else { return nil }
        month = m
        i += 3
        if i == u.count { return }
        guard u[i] == 45, let d = digits(i + 1, 2), d >= 1, d <= ISOValue.daysIn(year: y, month: m) else { return nil }
        dayOfMonth = d
        i += 3
        if i == u.count { return }
        guard u[i] == 84, let hh = digits(i + 1, 2), hh <= 24, i + 3 < u.count, u[i + 3] == 58,
              let mm = digits(i + 4, 2), mm < 60 else { return nil }
        hasTime = true
        i += 6
        var ss = 0
        if i < u.count, u[i] == 58 {
            guard let s2 = digits(i + 1, 2), s2 <= 60 else { return nil }
            ss = s2; hasSeconds = true; nonZeroSeconds = s2 != 0
            i += 3
            if i < u.count, u[i] == 46 {
                i += 1
                let st = i
                while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
                if i == st { return nil }
            }
        }
        timeIsStartOfDay = hh == 0 && mm == 0 && ss == 0
        timeIsEndOfDay = hh == 23 && mm == 59 && (ss == 59 || !hasSeconds) || hh == 24
        if i == u.count { return }
        if u[i] == 90, i + 1 == u.count { return }
        guard u[i] == 43 || u[i] == 45, let _ = digits(i + 1, 2) else { return nil }
        if i + 3 == u.count { return }
        if u[i + 3] == 58, digits(i + 4, 2) != nil, i + 6 == u.count { return }
        if digits(i + 3, 2) != nil, i + 5 == u.count { return }
        return nil
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    var day: String { String(text.prefix(10)) }

    var precision: DatePrecision {
        if hasTime { return nonZeroSeconds ? .second : .minute }
        if dayOfMonth != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    var lowerBound: String {
        if let m = month, dayOfMonth == nil { return String(format: "%04d-%02d-01", year, m) }
        if month == nil { return String(format: "%04d-01-01", year) }
        return text
    }

    var upperBound: String {
        if let m = month, dayOfMonth == nil { return String(format: "%04d-%02d-%02d", year, m, ISOValue.daysIn(year: year, month: m)) }
        if month == nil { return String(format: "%04d-12-31", year) }
        return text
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without the trip through NSString that
    /// call takes on Linux (a tenth of reading a FRUS volume): scalars are cut at both ends while
    /// they are in the same set.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !Self.isTrimmable(first) && !Self.isTrimmable(last) { return self }
        guard let lo = scalars.firstIndex(where: { !Self.isTrimmable($0) }),
              let hi = scalars.lastIndex(where: { !Self.isTrimmable($0) }) else { return "" }
        return String(scalars[lo...hi])
    }

    @inline(__always)
    private static func isTrimmable(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || (0x09...0x0D).contains(s.value) }
        return CharacterSet.whitespacesAndNewlines.contains(s)
    }

    var nonEmpty: String? { isEmpty ? nil : self }
}
