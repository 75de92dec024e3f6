import Foundation

/// Finds mentions of actors in text by their names and aliases.
///
/// Matching is word-bounded (`Korea` does not match inside `Koreans`), ignores case and accents
/// (`Côte d'Ivoire` = `COTE D’IVOIRE`), and treats any run of whitespace, line breaks included,
/// as one space (`Republic of\n Korea`). Two markers change this per alias:
/// - a trailing `*` makes it a prefix: `Korea*` also matches `Korean`, `Koreans`; the match
///   runs to the end of the word;
/// - a leading `=` keeps case: `=US` matches `US` but not the word `us`.
///
/// Overlapping matches are resolved leftmost-longest (`Republic of Korea` wins over `Korea`);
/// when aliases of two actors match exactly the same words, both matches are returned.
public struct AliasMatcher: Sendable {
    /// One name of one actor, with its markers (`Korea*`, `=ROK`).
    public struct Alias: Sendable, Hashable, Codable {
        public var actorID: String
        public var pattern: String

        public init(actorID: String, pattern: String) {
            self.actorID = actorID
            self.pattern = pattern
        }

        /// The pattern has a trailing `*`.
        public var isPrefix: Bool { core.hasSuffix("*") }
        /// The pattern has a leading `=`.
        public var keepsCase: Bool { pattern.trimmingCharacters(in: .whitespaces).hasPrefix("=") }

        private var core: String { pattern.trimmingCharacters(in: .whitespaces) }

        /// The name without its markers.
        public var name: String {
            var text = Substring(core)
            if text.hasPrefix("=") { text = text.dropFirst() }
            if text.hasSuffix("*") { text = text.dropLast() }
            return String(text)
        }

        var folded: [Unicode.Scalar] { TextFolding.foldName(name, keepCase: keepsCase) }

        /// Two aliases with the same key match the same text.
        var matchKey: String {
            (keepsCase ? "=" : "") + String(String.UnicodeScalarView(folded)) + (isPrefix ? "*" : "")
        }
    }

    /// A mention found in a text.
    public struct Match: Sendable, Hashable, Codable {
        public var actorID: String
        /// The alias pattern that matched, as written in the register.
        public var alias: String
        /// 0-based Unicode-scalar offset of the first scalar of the mention.
        public var start: Int
        /// Unicode-scalar offset just past the mention (end-exclusive).
        public var end: Int
        /// The mention as it appears in the text.
        public var text: String
    }

    private struct Compiled: Sendable {
        var alias: Alias
        var scalars: [Unicode.Scalar]
        var prefix: Bool
    }

    private let caseless: [Unicode.Scalar: [Compiled]]
    private let caseKept: [Unicode.Scalar: [Compiled]]

    /// An alias whose folded name is all ASCII, for texts that are all ASCII (most archival
    /// text): matched on the text's UTF-8 bytes with the same rules, without folding it first.
    private struct ASCIICompiled: Sendable {
        var alias: Alias
        var bytes: [UInt8]
        var prefix: Bool
    }

    /// The aliases of `caseless` and `caseKept` whose folded names are all ASCII, by first byte
    /// (128 entries each), in the same order; other aliases cannot match an ASCII text.
    private let asciiCaseless: [[ASCIICompiled]]
    private let asciiCaseKept: [[ASCIICompiled]]
    /// Every alias's folded name is ASCII (the register's are): then in any text the folded
    /// scalars that are not ASCII matter only as word or non-word neighbours of a match.
    private let aliasesAreASCII: Bool

    public init(aliases: [Alias]) {
        var caseless: [Unicode.Scalar: [Compiled]] = [:]
        var caseKept: [Unicode.Scalar: [Compiled]] = [:]
        var seen = Set<[String]>()
        for alias in aliases {
            let scalars = alias.folded
            guard let first = scalars.first, seen.insert([alias.actorID, alias.matchKey]).inserted else { continue }
            let compiled = Compiled(alias: alias, scalars: scalars, prefix: alias.isPrefix)
            if alias.keepsCase { caseKept[first, default: []].append(compiled) } else { caseless[first, default: []].append(compiled) }
        }
        // Longer aliases first, so ties in position prefer the longer one cheaply.
        self.caseless = caseless.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
        self.caseKept = caseKept.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
        func ascii(_ table: [Unicode.Scalar: [Compiled]]) -> [[ASCIICompiled]] {
            var byByte = [[ASCIICompiled]](repeating: [], count: 128)
            for (first, options) in table where first.value < 0x80 {
                byByte[Int(first.value)] = options.filter { $0.scalars.allSatisfy { $0.value < 0x80 } }
                    .map { ASCIICompiled(alias: $0.alias, bytes: $0.scalars.map { UInt8($0.value) }, prefix: $0.prefix) }
            }
            return byByte
        }
        self.asciiCaseless = ascii(self.caseless)
        self.asciiCaseKept = ascii(self.caseKept)
        self.aliasesAreASCII = [self.caseless, self.caseKept].allSatisfy { table in
            table.values.allSatisfy { $0.allSatisfy { $0.scalars.allSatisfy { $0.value < 0x80 } } }
        }
    }

    /// Every mention in `text`, ordered by position.
    public func matches(in text: String) -> [Match] {
        if let found = text.utf8.withContiguousStorageIfAvailable({ asciiMatches(in: $0) }), let found {
            return found
        }
        if aliasesAreASCII, let found = byteMatches(in: text) { return found }
        return scalarMatches(in: text)
    }

    /// `matches(in:)` for any text, on its folded Unicode scalars.
    func scalarMatches(in text: String) -> [Match] {
        var original: [Unicode.Scalar]?
        var candidates: [Match] = []
        // One folding of the text serves both tables: without case is the case-kept folding lower-cased.
        if !caseKept.isEmpty {
            let kept = TextFolding.fold(text, keepCase: true)
            candidates += find(in: kept, table: caseKept, text: text, original: &original)
            if !caseless.isEmpty { candidates += find(in: TextFolding.lowercased(kept), table: caseless, text: text, original: &original) }
        } else if !caseless.isEmpty {
            candidates += find(in: TextFolding.fold(text, keepCase: false), table: caseless, text: text, original: &original)
        }
        return resolve(candidates)
    }

    /// Overlapping candidates resolved leftmost-longest; candidates of two actors on exactly the
    /// same words are both kept.
    private func resolve(_ candidates: [Match]) -> [Match] {
        guard !candidates.isEmpty else { return [] }
        var candidates = candidates
        candidates.sort { ($0.start, -$0.end, $0.actorID) < ($1.start, -$1.end, $1.actorID) }
        var accepted: [Match] = []
        var reachedEnd = 0
        for candidate in candidates {
            if let last = accepted.last, last.start == candidate.start, last.end == candidate.end {
                if !accepted.contains(where: { $0.start == candidate.start && $0.end == candidate.end && $0.actorID == candidate.actorID }) {
                    accepted.append(candidate)
                }
                continue
            }
            guard candidate.start >= reachedEnd else { continue }
            accepted.append(candidate)
            reachedEnd = candidate.end
        }
        return accepted
    }

    /// Matches of the aliases in `table` (keyed by first folded scalar) in `folded`, the folding of
    /// `text`; `original` (the text's scalars) is made on the first match, most texts having none.
    private func find(in folded: TextFolding.Folded, table: [Unicode.Scalar: [Compiled]], text: String,
                      original: inout [Unicode.Scalar]?) -> [Match] {
        let scalars = folded.scalars
        var found: [Match] = []
        // ASCII scalars that start no alias are skipped without hashing (most of any text).
        var asciiStarts = (UInt64(0), UInt64(0))
        for first in table.keys where first.value < 0x80 {
            if first.value < 64 { asciiStarts.0 |= 1 << UInt64(first.value) } else { asciiStarts.1 |= 1 << UInt64(first.value - 64) }
        }
        for position in scalars.indices {
            let v = scalars[position].value
            if v < 64 { if asciiStarts.0 & (1 << UInt64(v)) == 0 { continue } }
            else if v < 0x80 { if asciiStarts.1 & (1 << UInt64(v - 64)) == 0 { continue } }
            guard let options = table[scalars[position]] else { continue }
            let boundaryBefore = position == 0 || !TextFolding.isWordScalar(scalars[position - 1])
            for option in options {
                let length = option.scalars.count
                guard position + length <= scalars.count else { continue }
                if TextFolding.isWordScalar(option.scalars[0]) && !boundaryBefore { continue }
                guard scalars[position..<(position + length)].elementsEqual(option.scalars) else { continue }
                var endIndex = position + length
                if option.prefix {
                    while endIndex < scalars.count, TextFolding.isWordScalar(scalars[endIndex]) { endIndex += 1 }
                } else if endIndex < scalars.count, TextFolding.isWordScalar(option.scalars[length - 1]),
                          TextFolding.isWordScalar(scalars[endIndex]) {
                    continue
                }
                if original == nil { original = Array(text.unicodeScalars) }
                let textScalars = original!
                let start = folded.origins[position]
                var end = folded.origins[endIndex - 1] + 1
                while end < textScalars.count, TextFolding.isMark(textScalars[end]) { end += 1 }
                found.append(Match(
                    actorID: option.alias.actorID, alias: option.alias.pattern, start: start, end: end,
                    text: String(String.UnicodeScalarView(textScalars[start..<end]))))
            }
        }
        return found
    }
}

extension AliasMatcher {
    /// `matches(in:)` for a text given as UTF-8 bytes, when they are all ASCII (nil otherwise).
    /// Folding an ASCII text only maps bytes (whitespace to a space, a backtick to an apostrophe,
    /// and without case upper to lower case) and turns whitespace runs into one space, and Unicode
    /// scalar offsets are byte offsets; so the text is matched in place through a byte map, and a
    /// folded copy with the offsets of its bytes is made only when it has a whitespace run.
    private func asciiMatches(in bytes: UnsafeBufferPointer<UInt8>) -> [Match]? {
        var runs = false, previousSpace = false
        for byte in bytes {
            if byte >= 0x80 { return nil }
            let space = Self.asciiFold[Int(byte)] == 0x20
            runs = runs || (space && previousSpace)
            previousSpace = space
        }
        var candidates: [Match] = []
        func find(_ folded: UnsafeBufferPointer<UInt8>, _ origins: UnsafeBufferPointer<Int32>?) {
            candidates += findASCII(in: folded, origins: origins, original: bytes, table: asciiCaseKept, map: Self.asciiFold)
            candidates += findASCII(in: folded, origins: origins, original: bytes, table: asciiCaseless, map: Self.asciiFoldLower)
        }
        if !runs {
            find(bytes, nil)
        } else {
            var folded: [UInt8] = [], origins: [Int32] = []
            folded.reserveCapacity(bytes.count)
            origins.reserveCapacity(bytes.count)
            for (offset, byte) in bytes.enumerated() {
                let mapped = Self.asciiFold[Int(byte)]
                if mapped == 0x20, folded.last == 0x20 { continue }
                folded.append(mapped)
                origins.append(Int32(offset))
            }
            folded.withUnsafeBufferPointer { f in origins.withUnsafeBufferPointer { o in find(f, o) } }
        }
        return resolve(candidates)
    }

    /// `matches(in:)` for any text when every alias is ASCII (nil when the text has a scalar this
    /// shortcut does not cover): the text folded with case kept as `TextFolding.fold` folds it,
    /// each folded scalar stored as its byte when ASCII and otherwise as 0x80 (a word scalar) or
    /// 0x81 (not one), which no alias contains; without case, ASCII upper case is lowered on the
    /// fly, which is the whole of lower-casing when no other folded scalar lower-cases to ASCII,
    /// to more than one scalar, or to a scalar of the other kind.
    private func byteMatches(in text: String) -> [Match]? {
        var folded: [UInt8] = [], origins: [Int32] = []
        folded.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        var parts = TextFolding.Folded()
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            defer { offset += 1 }
            if scalar.value < 0x80 {
                let mapped = Self.asciiFold[Int(scalar.value)]
                if mapped == 0x20, folded.last == 0x20 { continue }
                folded.append(mapped)
                origins.append(offset)
                continue
            }
            parts.scalars.removeAll(keepingCapacity: true)
            parts.origins.removeAll(keepingCapacity: true)
            TextFolding.fold(scalar, origin: 0, keepCase: true, into: &parts)
            for part in parts.scalars {
                let byte: UInt8
                if part.value < 0x80 {
                    byte = UInt8(part.value)
                } else {
                    let word = TextFolding.isWordScalar(part)
                    let lower = part.properties.lowercaseMapping.unicodeScalars
                    guard lower.count == 1, let l = lower.first, l.value >= 0x80, TextFolding.isWordScalar(l) == word else { return nil }
                    byte = word ? 0x80 : 0x81
                }
                if byte == 0x20, folded.last == 0x20 { continue }
                folded.append(byte)
                origins.append(offset)
            }
        }
        var candidates: [Match] = []
        var original: [Unicode.Scalar]?
        folded.withUnsafeBufferPointer { f in
            origins.withUnsafeBufferPointer { o in
                for (table, map) in [(asciiCaseKept, Self.identity), (asciiCaseless, Self.lower)] {
                    candidates += findASCII(in: f, origins: o, table: table, map: map) { start, end in
                        if original == nil { original = Array(text.unicodeScalars) }
                        var end = end
                        while end < original!.count, TextFolding.isMark(original![end]) { end += 1 }
                        return (end, String(String.UnicodeScalarView(original![start..<end])))
                    }
                }
            }
        }
        return resolve(candidates)
    }

    /// `find(in:table:text:original:)` on ASCII bytes: `folded[i]` mapped through `map` is the
    /// folded scalar at `i`, and `origins[i]` (or `i` itself without origins) its offset in `original`.
    private func findASCII(in folded: UnsafeBufferPointer<UInt8>, origins: UnsafeBufferPointer<Int32>?,
                           original: UnsafeBufferPointer<UInt8>, table: [[ASCIICompiled]], map: [UInt8]) -> [Match] {
        findASCII(in: folded, origins: origins, table: table, map: map) { start, end in
            (end, String(decoding: UnsafeBufferPointer(rebasing: original[start..<end]), as: UTF8.self))
        }
    }

    /// The matching loop of `findASCII`; `mention(start, end)` gives a match's end (past any
    /// marks that follow it in the text) and its text.
    private func findASCII(in folded: UnsafeBufferPointer<UInt8>, origins: UnsafeBufferPointer<Int32>?,
                           table: [[ASCIICompiled]], map: [UInt8], mention: (Int, Int) -> (Int, String)) -> [Match] {
        var found: [Match] = []
        let count = folded.count
        @inline(__always) func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x80
        }
        map.withUnsafeBufferPointer { map in
            for position in 0..<count {
                let first = map[Int(folded[position])]
                if first >= 0x80 { continue }
                let options = table[Int(first)]
                if options.isEmpty { continue }
                let boundaryBefore = position == 0 || !isWord(folded[position - 1])
                for option in options {
                    let length = option.bytes.count
                    guard position + length <= count else { continue }
                    if isWord(option.bytes[0]) && !boundaryBefore { continue }
                    var equal = true
                    for k in 1..<max(length, 1) where map[Int(folded[position + k])] != option.bytes[k] {
                        equal = false
                        break
                    }
                    guard equal else { continue }
                    var endIndex = position + length
                    if option.prefix {
                        while endIndex < count, isWord(folded[endIndex]) { endIndex += 1 }
                    } else if endIndex < count, isWord(option.bytes[length - 1]), isWord(folded[endIndex]) {
                        continue
                    }
                    let start = origins.map { Int($0[position]) } ?? position
                    let (end, text) = mention(start, (origins.map { Int($0[endIndex - 1]) } ?? (endIndex - 1)) + 1)
                    found.append(Match(actorID: option.alias.actorID, alias: option.alias.pattern, start: start, end: end, text: text))
                }
            }
        }
        return found
    }

    /// How folding maps each ASCII byte, keeping case: whitespace to a space, a backtick to an apostrophe.
    private static let asciiFold: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x09...0x0D, 0x20: return 0x20
        case 0x60: return 0x27
        default: return UInt8(byte)
        }
    }

    /// Bytes as they are (0x80 and 0x81 included), and with ASCII upper case lowered.
    private static let identity: [UInt8] = (0..<256).map { UInt8($0) }
    private static let lower: [UInt8] = identity.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }

    /// `asciiFold` without case (upper case lowered).
    private static let asciiFoldLower: [UInt8] = asciiFold.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }

    /// `text` folded as matching folds it, ignoring case. A text can hold a mention of an alias
    /// only if its search form contains the alias's search form, so stored search forms let a
    /// database narrow the candidates (e.g. with SQL `instr`) before `matches(in:)` decides.
    public static func searchForm(_ text: String) -> String {
        String(String.UnicodeScalarView(TextFolding.fold(text, keepCase: false).scalars))
    }

    /// The search form of an alias's name (markers removed), for `searchForm(_:)` containment.
    public static func searchForm(of alias: Alias) -> String {
        String(String.UnicodeScalarView(TextFolding.foldName(alias.name, keepCase: false)))
    }
}
