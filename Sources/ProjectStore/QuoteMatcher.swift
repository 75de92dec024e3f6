import Foundation

/// Finds a span of a passage from a few of its words, so coders never count code points.
///
/// Matching ignores case, accents, runs of whitespace and the typographic form of quotes and
/// dashes, because that is how people retype what they read. `start words ... end words` (or `…`)
/// selects from the first words to the nearest following end words, for spans too long to type.
/// Offsets are Unicode scalars into the passage text, 0-based, end exclusive, like every span.
public enum QuoteMatcher {
    /// Every span of `text` that `query` selects, in reading order.
    public static func matches(of query: String, in text: String) -> [Range<Int>] {
        let parts = query.components(separatedBy: "…").flatMap { $0.components(separatedBy: "...") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let folded = fold(text)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            let starts = occurrences(of: fold(parts[0]).chars, in: folded.chars)
            let ends = occurrences(of: fold(parts[1]).chars, in: folded.chars)
            return starts.compactMap { start in
                guard let end = ends.first(where: { $0.lowerBound >= start.upperBound }) else { return nil }
                return folded.origin(start.lowerBound..<end.upperBound)
            }
        }
        let needle = fold(query.trimmingCharacters(in: .whitespaces)).chars
        guard !needle.isEmpty else { return [] }
        return occurrences(of: needle, in: folded.chars).map(folded.origin)
    }

    /// Text reduced for matching, with the scalar offset each folded character came from.
    struct Folded {
        var chars: [Unicode.Scalar] = []
        var starts: [Int] = []
        var ends: [Int] = []

        func origin(_ r: Range<Int>) -> Range<Int> { starts[r.lowerBound]..<ends[r.upperBound - 1] }
    }

    static func fold(_ text: String) -> Folded {
        var out = Folded()
        var lastWasSpace = true
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar.properties.isWhitespace {
                if !lastWasSpace {
                    out.chars.append(" "); out.starts.append(offset); out.ends.append(offset + 1)
                }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            for s in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
                if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                    // A combining accent belongs to the letter before it: a span ending there covers it.
                    if !out.ends.isEmpty && out.chars.last != " " { out.ends[out.ends.count - 1] = offset + 1 }
                    continue
                }
                for lower in s.properties.lowercaseMapping.unicodeScalars {
                    out.chars.append(canonical(lower)); out.starts.append(offset); out.ends.append(offset + 1)
                }
            }
        }
        if out.chars.last == " " { out.chars.removeLast(); out.starts.removeLast(); out.ends.removeLast() }
        return out
    }

    private static func canonical(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": return "'"
        case "\u{201C}", "\u{201D}", "\u{201F}", "\u{2033}": return "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": return "-"
        default: return s
        }
    }

    private static func occurrences(of needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<i + needle.count].elementsEqual(needle) {
                found.append(i..<i + needle.count)
            }
            i += 1
        }
        return found
    }
}
