import Foundation

/// Parses a FRUS-style archival citation:
/// `Source: <repository>, <record group / collection>, <file series and designation>. <Classification>[; <handling>]. <remarks>.`
///
/// - repository: first comma part of the citation (unless it is a bare file number);
/// - collection: second comma part (`RG 59`, `National Security File`);
/// - fileIdentifier: the rest of the citation (`Central Files 1964–66, POL 27–3 VIET S`), or a bare
///   decimal file number (`795.00/8–1550`);
/// - classification and handling: the first sentence made only of marking words
///   (`Top Secret; Immediate; Exdis.`, `No classification marking.`).
public enum SourceNoteParser {
    public static func parse(_ verbatim: String) -> SourceNote {
        let text = TextFold.fold(verbatim)
        var body = Substring(text)
        // Only the start can be "Source:": lower-casing the whole note for it cost as much as the rest.
        if body.prefix(16).lowercased().hasPrefix("source:") { body = body.dropFirst(7) }
        let note = String(body).trimmed
        var result = SourceNote(verbatim: text)
        let citation: String
        if let m = findMarking(in: note) {
            result.classification = m.classification
            result.handling = m.handling
            citation = String(note[..<m.citationEnd]).trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))
        } else {
            // No classification: the citation is the first sentence, unless that is made only of
            // handling words ("Eyes Only.").
            let sentences = splitSentences(note)
            var end = min(1, sentences.count)
            for (i, sentence) in sentences.enumerated() {
                guard let m = markings(in: sentence) else { continue }
                if end == min(1, sentences.count), i < end { end = i }
                for h in m.handling where !result.handling.contains(h) { result.handling.append(h) }
            }
            citation = sentences[..<end].joined(separator: ". ").trimmed
        }
        guard !citation.isEmpty else { return result }
        let parts = splitCommas(citation)
        if parts.count == 1 {
            result.fileIdentifier = parts[0]
        } else if looksLikeFileNumber(parts[0]) {
            result.fileIdentifier = parts.joined(separator: ", ")
        } else {
            result.repository = parts[0]
            result.collection = parts[1]
            if parts.count > 2 { result.fileIdentifier = parts[2...].joined(separator: ", ") }
        }
        return result
    }

    /// A classification marking found in a source note, the handling caveats that follow it in the
    /// same sentence, and where the archival citation before it ends.
    struct Marking {
        var classification: String
        var handling: [String]
        var citationEnd: String.Index
    }

    /// Classification levels as FRUS source notes print them, longest first; matched case-sensitively
    /// as whole words (capitalized or all capitals), so "Secretary" or "secret talks" never match.
    static let levels: [(String, String)] = [
        ("No classification marking", "No classification marking"),
        ("No Classification Marking", "No classification marking"),
        ("No classification", "No classification marking"),
        ("Limited Official Use", "Limited Official Use"),
        ("For Official Use Only", "Official Use Only"),
        ("Official Use Only", "Official Use Only"),
        ("Top Secret", "Top Secret"),
        ("Secret", "Secret"),
        ("Confidential", "Confidential"),
        ("Unclassified", "Unclassified"),
        ("Restricted", "Restricted"),
    ]

    /// `levels` as characters, as written and in capitals, made once rather than at every
    /// capitalized word of every note.
    static let levelCharacters: [([Character], [Character], String)] = levels.map { (Array($0.0), Array($0.0.uppercased()), $0.1) }

    /// The ASCII capitals levels start with (as written and in capitals): a character that is not one
    /// of them cannot start a level, so the scan skips it before any costlier check.
    static let levelInitials: Set<UInt8> = Set(levelCharacters.flatMap { [$0.0[0].asciiValue!, $0.1[0].asciiValue!] })

    /// Words that, right after a level, show it names a file or collection ("Confidential File",
    /// "Top Secret and Secret Summaries", "Secret Service") rather than marks the document.
    static let collectionWords: Set<String> = ["File", "Files", "file", "files", "Summaries", "Series", "Service",
                                               "Papers", "Chron", "Collection", "Records", "Telegrams", "Folder",
                                               "Cables", "Documents", "Memoranda", "Reports", "Correspondence",
                                               "Subject", "Section", "Registry", "Control"]
    /// Words allowed to qualify a level: "Secret and Personal", "Personal and Confidential".
    static let qualifiers: Set<String> = ["Personal", "Private", "Sensitive", "Strictly", "Eyes", "Official"]

    /// Finds the document's classification in a source note (without `Source:`): the first level
    /// that opens a sentence (`… VIET S. Secret; Limdis.`), else the first level written as a
    /// marking after the file citation (`…, 747C.00/12–2355, Secret; Niact.`, `DEF 19 S VIET Secret;`).
    static func findMarking(in note: String) -> Marking? {
        let chars = Array(note)
        var best: (start: Int, length: Int, canon: String, initial: Bool)?
        var i = 0
        while i < chars.count {
            guard let ascii = chars[i].asciiValue, levelInitials.contains(ascii) else { i += 1; continue }
            let atWordStart = i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber)
            guard atWordStart, chars[i].isUppercase else { i += 1; continue }
            var matched: (Int, String)?
            for (w, upper, canon) in levelCharacters {
                guard i + w.count <= chars.count else { continue }
                let slice = chars[i..<(i + w.count)]
                guard slice.elementsEqual(w) || slice.elementsEqual(upper) else { continue }
                let after = i + w.count
                if after < chars.count, chars[after].isLetter || chars[after].isNumber { continue }
                matched = (w.count, canon)
                break
            }
            guard let (length, canon) = matched else { i += 1; continue }
            if canon == "No classification marking" || acceptsAsMarking(chars, start: i, end: i + length) {
                let initial = opensSentence(chars, at: i)
                if best == nil || (initial && !best!.initial) {
                    best = (i, length, canon, initial)
                }
                if initial { break }
            }
            i += length
        }
        guard let best else { return nil }
        var handling: [String] = []
        // "Personal and Secret", "Personal; Secret": a caveat written before the level.
        // Substrings of the note rather than Strings rebuilt character by character from `chars`.
        let before = String(note[..<note.index(note.startIndex, offsetBy: best.start)]).trimmed
        var citationEndOffset = best.start
        for q in ["Personal and", "Personal;", "Personal,", "Strictly", "Personal and Private;"] where before.hasSuffix(q) {
            handling.append(q.hasPrefix("Strictly") ? "Strictly" : "Personal")
            citationEndOffset = before.count - q.count
            break
        }
        if handling == ["Strictly"] { handling = [] }
        let afterLevel = note.index(note.startIndex, offsetBy: best.start + best.length)
        for h in caveats(after: String(note[afterLevel...])) where !handling.contains(h) { handling.append(h) }
        let idx = note.index(note.startIndex, offsetBy: citationEndOffset)
        return Marking(classification: best.canon, handling: handling, citationEnd: idx)
    }

    /// True when the level at `start..<end` reads as a marking, not part of a name or of prose.
    static func acceptsAsMarking(_ c: [Character], start: Int, end: Int) -> Bool {
        // What precedes: a word joined by "and" must be a qualifier ("Personal and Secret");
        // "Top Secret and Secret Summaries" is a file name.
        let prev = previousWord(c, before: start)
        if prev == "and" || prev == "or" {
            let prev2 = previousWord(c, before: wordStart(c, before: start) - 1)
            guard let p2 = prev2, qualifiers.contains(p2) || p2 == "Personal" else { return false }
        }
        var j = end
        while j < c.count, c[j] == " " { j += 1 }
        if j == c.count { return true }
        let next = c[j]
        if ".;,:/)–—-(".contains(next) {
            // "Secret-Personal", "Secret-Limit Distribution" are markings; "Secret-Service" is not.
            if next == "-" || next == "–" || next == "—" {
                let w = word(c, at: j + 1)
                return !collectionWords.contains(w)
            }
            return true
        }
        guard j > end else { return false }
        let w = word(c, at: j)
        if w == "and" || w == "with" {
            var k = j + w.count
            while k < c.count, c[k] == " " { k += 1 }
            let w2 = word(c, at: k)
            let isLevel = levels.contains { String(c[k...].prefix($0.0.count)) == $0.0 }
            return qualifiers.contains(w2) || isCaveat(String(c[k...].prefix(40))) || isLevel
        }
        guard let first = w.first, first.isUppercase else { return false }
        return !collectionWords.contains(w)
    }

    static func opensSentence(_ c: [Character], at i: Int) -> Bool {
        var j = i - 1
        while j >= 0, c[j] == " " { j -= 1 }
        if j < 0 { return true }
        guard c[j] == "." else { return false }
        // "Vol. Secret" cannot happen, but an abbreviation before the period ("U.S.") is no sentence end.
        let w = previousWord(c, before: j + 1)?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) ?? ""
        return !abbreviations.contains(w) || w == "s"
    }

    static func word(_ c: [Character], at i: Int) -> String {
        var k = i
        var out = ""
        while k < c.count, c[k].isLetter || c[k] == "’" || c[k] == "'" { out.append(c[k]); k += 1 }
        return out
    }

    static func wordStart(_ c: [Character], before i: Int) -> Int {
        var j = i - 1
        while j >= 0, !(c[j].isLetter || c[j].isNumber) { j -= 1 }
        while j >= 0, c[j].isLetter || c[j].isNumber || c[j] == "." { j -= 1 }
        return j + 1
    }

    static func previousWord(_ c: [Character], before i: Int) -> String? {
        var j = i - 1
        while j >= 0, c[j] == " " { j -= 1 }
        guard j >= 0, c[j].isLetter || c[j].isNumber || c[j] == "." else { return nil }
        var out = ""
        while j >= 0, c[j].isLetter || c[j].isNumber || c[j] == "." { out.insert(c[j], at: out.startIndex); j -= 1 }
        return out
    }

    /// Handling caveats after the level, up to the end of its sentence: vocabulary terms in their
    /// usual spelling (`Exclusive Distribution` is Exdis), other short capitalized markings verbatim
    /// (`No Distribution Outside Department`, `U.S. Officials Only`, `RYBAT`).
    static func caveats(after text: String) -> [String] {
        var rest = text
        // Stop at the sentence end.
        let sentences = splitSentences(rest.hasPrefix(".") ? "" : rest, limit: 1)
        rest = sentences.first ?? ""
        var out: [String] = []
        let segments = rest.split(whereSeparator: { ";,/:".contains($0) })
            .flatMap { $0.components(separatedBy: " and ") }
            .flatMap { seg -> [String] in
                // "Secret-Personal and Private", "Secret Priority"
                let t = seg.trimmingCharacters(in: CharacterSet(charactersIn: " -–—.()"))
                return t.isEmpty ? [] : [t]
            }
        for seg in segments {
            if let canon = canonicalCaveat(seg) {
                if !out.contains(canon) { out.append(canon) }
                // "Niact Repeated to Heidelberg": a missing period; the remark ends the markings.
                let words = seg.split(separator: " ")
                if words.contains(where: { remarkOpeners.contains(String($0)) && $0 != "No" && $0 != "A" }) { break }
            } else if looksLikeMarking(seg) {
                if !out.contains(seg) { out.append(seg) }
            } else {
                break
            }
        }
        return out
    }

    static func isCaveat(_ s: String) -> Bool { canonicalCaveat(s) != nil }

    /// The usual spelling of a caveat when `segment` starts with one.
    static func canonicalCaveat(_ segment: String) -> String? {
        let lower = segment.lowercased()
        for (word, canon) in handlingTerms where lower.hasPrefix(word) {
            let after = lower.index(lower.startIndex, offsetBy: word.count)
            if after == lower.endIndex || !(lower[after].isLetter) { return canon }
        }
        return nil
    }

    static let remarkOpeners: Set<String> = ["Drafted", "Repeated", "Received", "Sent", "Also", "Pouched", "Passed",
                                             "Transmitted", "Approved", "Cleared", "Attached", "The", "This", "A",
                                             "According", "Printed", "Initialed", "Signed", "Copies", "Another",
                                             "Prepared", "Forwarded", "See", "Not", "No", "There", "Written"]

    /// Short, capitalized, no digits, not the start of a remark ("Drafted by…").
    static func looksLikeMarking(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (1...6).contains(words.count), let first = words.first, first.first?.isUppercase == true else { return false }
        guard !remarkOpeners.contains(String(first)) else { return false }
        return !s.contains(where: \.isNumber)
    }

    // MARK: markings vocabulary

    static let classifications: [(String, String)] = [
        ("no classification marking", "No classification marking"),
        ("limited official use", "Limited Official Use"),
        ("official use only", "Official Use Only"),
        ("top secret", "Top Secret"),
        ("secret", "Secret"),
        ("confidential", "Confidential"),
        ("unclassified", "Unclassified"),
        ("restricted", "Restricted"),
    ]

    static let handlingTerms: [(String, String)] = [
        ("literally eyes only", "Literally Eyes Only"),
        ("eyes only", "Eyes Only"),
        ("nodis", "Nodis"), ("exdis", "Exdis"), ("limdis", "Limdis"), ("noforn", "Noforn"),
        ("sensitive", "Sensitive"), ("flash", "Flash"), ("niact immediate", "Niact Immediate"),
        ("niact", "Niact"), ("immediate", "Immediate"), ("priority", "Priority"), ("operational immediate", "Operational Immediate"),
        ("routine", "Routine"), ("cherokee", "Cherokee"), ("roger channel", "Roger Channel"), ("exclusive distribution", "Exdis"),
        ("no distribution outside department", "No Distribution Outside Department"),
        ("no distribution outside state department", "No Distribution Outside Department"),
        ("no distribution", "Nodis"), ("limited distribution", "Limdis"), ("limit distribution", "Limdis"),
        ("personal", "Personal"), ("us officials only", "U.S. Officials Only"), ("u.s. officials only", "U.S. Officials Only"),
        ("exclusive", "Exclusive"), ("for the president only", "For the President Only"), ("alpha", "Alpha"),
    ]

    /// When `text` consists only of classification/handling words (separated by spaces, `;`, `,`, `.`,
    /// dashes, or `/`), returns them; otherwise nil.
    static func markings(in text: String) -> (classification: String?, handling: [String])? {
        let lower = Array(text.lowercased().unicodeScalars)
        var i = 0
        var classification: String?
        var handling: [String] = []
        var matchedAny = false
        func isSep(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == ";" || c == "," || c == "." || c == "-" || c == "—" || c == "–" || c == "/" || c == ":"
                || c.properties.isWhitespace
        }
        func matches(_ word: String, at: Int) -> Bool {
            let w = Array(word.unicodeScalars)
            guard at + w.count <= lower.count else { return false }
            for k in 0..<w.count where lower[at + k] != w[k] { return false }
            return at + w.count == lower.count || isSep(lower[at + w.count])
        }
        while i < lower.count {
            if isSep(lower[i]) { i += 1; continue }
            var hit = false
            for (word, canon) in classifications where matches(word, at: i) {
                if classification == nil { classification = canon }
                i += word.unicodeScalars.count; hit = true; break
            }
            if !hit {
                for (word, canon) in handlingTerms where matches(word, at: i) {
                    if !handling.contains(canon) { handling.append(canon) }
                    i += word.unicodeScalars.count; hit = true; break
                }
            }
            if !hit { return nil }
            matchedAny = true
        }
        return matchedAny ? (classification, handling) : nil
    }

    // MARK: splitting

    static let abbreviations: Set<String> = ["vol", "vols", "no", "nos", "p", "pp", "mr", "mrs", "ms", "dr", "jr", "sr",
                                             "st", "u.s", "u.n", "d.c", "gen", "col", "adm", "amb", "lt", "capt", "ibid",
                                             "cf", "ch", "pt", "sec", "dept", "e.g", "i.e", "box", "doc", "n.d", "co", "inc"]

    /// Splits on ". " (and a final ".") unless the word before the period is a known abbreviation
    /// or a single letter (an initial); the first `limit` sentences only.
    static func splitSentences(_ s: String, limit: Int = .max) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." && (i + 1 == chars.count || chars[i + 1] == " ") {
                let lastWord = lastWord(of: current).lowercased()
                let stripped = lastWord.trimmingCharacters(in: CharacterSet(charactersIn: "([“\"'"))
                let isInitial = stripped.count == 1 && stripped.first!.isLetter
                // Only the start of the rest can begin with a marking: lower-casing the whole rest
                // at every period made long notes quadratic.
                let restStart = min(i + 2, chars.count)
                let rest = String(chars[restStart..<min(restStart + markingLookahead, chars.count)]).lowercased()
                let markingFollows = classifications.contains { rest.hasPrefix($0.0) }
                if abbreviations.contains(stripped) || isInitial, i + 1 < chars.count, !markingFollows {
                    current.append(c)
                } else {
                    let t = current.trimmed
                    if !t.isEmpty { out.append(t) }
                    if out.count == limit { return out }
                    current = ""
                }
            } else {
                current.append(c)
            }
            i += 1
        }
        let t = current.trimmed
        if !t.isEmpty { out.append(t) }
        return out
    }

    /// Characters after a period enough to tell whether a classification follows (the longest,
    /// "no classification marking", has 25).
    static let markingLookahead = 40

    /// The last space-separated word of `s`, as `s.split(separator: " ").last` (empty when none),
    /// found from the end instead of splitting the whole sentence at every period.
    static func lastWord(of s: String) -> String {
        var end = s.endIndex
        while end > s.startIndex, s[s.index(before: end)] == " " { end = s.index(before: end) }
        var start = end
        while start > s.startIndex, s[s.index(before: start)] != " " { start = s.index(before: start) }
        return String(s[start..<end])
    }

    /// Splits on ", " outside parentheses.
    static func splitCommas(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth = max(0, depth - 1) }
            if c == ",", depth == 0 {
                let t = current.trimmed
                if !t.isEmpty { out.append(t) }
                current = ""
            } else {
                current.append(c)
            }
        }
        let t = current.trimmed
        if !t.isEmpty { out.append(t) }
        return out
    }

    /// `795.00/8–1550`, `690B.9321/12–3053: Telegram`: a decimal file designation, not a repository name.
    static func looksLikeFileNumber(_ s: String) -> Bool {
        guard let first = s.split(separator: " ").first else { return false }
        return first.contains("/") && first.first?.isNumber == true
    }
}
