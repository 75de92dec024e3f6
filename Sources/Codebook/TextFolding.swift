import Foundation

/// Folds text for matching names: accents and other marks removed, compatibility forms
/// unified (`ﬁ` is `fi`), typographic apostrophes and dashes made plain, whitespace runs made
/// one space, and, unless case is kept, lower case. Every folded scalar remembers the offset of
/// the original Unicode scalar it came from.
enum TextFolding {
    struct Folded {
        var scalars: [Unicode.Scalar] = []
        /// For each folded scalar, the 0-based Unicode-scalar offset in the original text.
        var origins: [Int] = []
    }

    static func fold(_ text: String, keepCase: Bool) -> Folded {
        var out = Folded()
        out.scalars.reserveCapacity(text.unicodeScalars.count)
        out.origins.reserveCapacity(text.unicodeScalars.count)
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            for folded in fold(scalar, keepCase: keepCase) {
                if folded == " ", out.scalars.last == " " { continue }
                out.scalars.append(folded)
                out.origins.append(offset)
            }
        }
        return out
    }

    /// Folds a name written by a person: as `fold`, trimmed.
    static func foldName(_ text: String, keepCase: Bool) -> [Unicode.Scalar] {
        var scalars = fold(text.trimmingCharacters(in: .whitespacesAndNewlines), keepCase: keepCase).scalars
        while scalars.last == " " { scalars.removeLast() }
        return scalars
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static let special: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "\u{2018}": "'", "\u{2019}": "'", "\u{02BC}": "'", "\u{00B4}": "'", "`": "'", "\u{2032}": "'",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-",
    ]

    private static func fold(_ scalar: Unicode.Scalar, keepCase: Bool) -> [Unicode.Scalar] {
        if scalar.isASCII {
            if scalar.properties.isWhitespace { return [" "] }
            if scalar == "`" { return ["'"] }
            if !keepCase, ("A"..."Z").contains(scalar) { return [Unicode.Scalar(scalar.value + 32)!] }
            return [scalar]
        }
        if scalar.properties.isWhitespace { return [" "] }
        if isMark(scalar) { return [] }
        let base: String
        if let replacement = special[scalar] {
            base = replacement
        } else {
            base = String(scalar).decomposedStringWithCompatibilityMapping
        }
        var out: [Unicode.Scalar] = []
        for part in base.unicodeScalars where !isMark(part) {
            if part.properties.isWhitespace { out.append(" "); continue }
            if keepCase {
                out.append(part)
            } else {
                out.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }
}
