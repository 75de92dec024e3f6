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
        // UTF-8 length bounds the scalar count; alias matching folds every candidate passage, so
        // the folded text is built without a temporary array per scalar.
        out.scalars.reserveCapacity(text.utf8.count)
        out.origins.reserveCapacity(text.utf8.count)
        var offset = 0
        for scalar in text.unicodeScalars {
            fold(scalar, origin: offset, keepCase: keepCase, into: &out)
            offset += 1
        }
        return out
    }

    /// `folded` (folded with case kept) without case: the same as folding its text ignoring case,
    /// since lower-casing commutes with the rest of the folding and never makes whitespace.
    static func lowercased(_ folded: Folded) -> Folded {
        var out = Folded()
        out.scalars.reserveCapacity(folded.scalars.count)
        out.origins.reserveCapacity(folded.origins.count)
        for (scalar, origin) in zip(folded.scalars, folded.origins) {
            if scalar.value < 0x80 {
                out.scalars.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
                out.origins.append(origin)
            } else {
                for part in scalar.properties.lowercaseMapping.unicodeScalars {
                    out.scalars.append(part)
                    out.origins.append(origin)
                }
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
        let v = scalar.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static let special: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "\u{2018}": "'", "\u{2019}": "'", "\u{02BC}": "'", "\u{00B4}": "'", "`": "'", "\u{2032}": "'",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-",
    ]

    /// Appends `scalar` folded, each folded scalar with `origin`, one space for a whitespace run.
    static func fold(_ scalar: Unicode.Scalar, origin: Int, keepCase: Bool, into out: inout Folded) {
        @inline(__always) func append(_ folded: Unicode.Scalar) {
            if folded == " ", out.scalars.last == " " { return }
            out.scalars.append(folded)
            out.origins.append(origin)
        }
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x09...0x0D, 0x20: append(" ")  // the ASCII scalars with Unicode's White_Space property
            case 0x60: append("'")  // `
            case 0x41...0x5A where !keepCase: append(Unicode.Scalar(UInt8(v + 32)))
            default: append(scalar)
            }
            return
        }
        if scalar.properties.isWhitespace { append(" "); return }
        if isMark(scalar) { return }
        let base: String
        if let replacement = special[scalar] {
            base = replacement
        } else {
            base = String(scalar).decomposedStringWithCompatibilityMapping
        }
        for part in base.unicodeScalars where !isMark(part) {
            if part.properties.isWhitespace { append(" "); continue }
            if keepCase {
                append(part)
            } else {
                for lower in part.properties.lowercaseMapping.unicodeScalars { append(lower) }
            }
        }
    }
}
