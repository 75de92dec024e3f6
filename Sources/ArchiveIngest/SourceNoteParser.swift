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
        if body.lowercased().hasPrefix("source:") { body = body.dropFirst(7) }
        let sentences = splitSentences(String(body))
        var classification: String?
        var handling: [String] = []
        var citationEnd = sentences.count
        for (i, sentence) in sentences.enumerated() {
            guard let m = markings(in: sentence) else { continue }
            if classification == nil, let c = m.classification {
                classification = c
                if citationEnd == sentences.count { citationEnd = i }
            } else if m.classification == nil, classification == nil, citationEnd == sentences.count {
                citationEnd = i
            }
            for h in m.handling where !handling.contains(h) { handling.append(h) }
        }
        if citationEnd == sentences.count { citationEnd = min(1, sentences.count) }
        let citation = sentences[..<citationEnd].joined(separator: ". ").trimmed
        var note = SourceNote(verbatim: text, classification: classification, handling: handling)
        guard !citation.isEmpty else { return note }
        let parts = splitCommas(citation)
        if parts.count == 1 {
            note.fileIdentifier = parts[0]
        } else if looksLikeFileNumber(parts[0]) {
            note.fileIdentifier = parts.joined(separator: ", ")
        } else {
            note.repository = parts[0]
            note.collection = parts[1]
            if parts.count > 2 { note.fileIdentifier = parts[2...].joined(separator: ", ") }
        }
        return note
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
        ("no distribution", "Nodis"), ("limited distribution", "Limdis"), ("eyes only for", "Eyes Only"),
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
    /// or a single letter (an initial).
    static func splitSentences(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." && (i + 1 == chars.count || chars[i + 1] == " ") {
                let lastWord = current.split(separator: " ").last.map { String($0).lowercased() } ?? ""
                let stripped = lastWord.trimmingCharacters(in: CharacterSet(charactersIn: "([“\"'"))
                let isInitial = stripped.count == 1 && stripped.first!.isLetter
                let rest = String(chars[min(i + 2, chars.count)...]).lowercased()
                let markingFollows = classifications.contains { rest.hasPrefix($0.0) }
                if abbreviations.contains(stripped) || isInitial, i + 1 < chars.count, !markingFollows {
                    current.append(c)
                } else {
                    let t = current.trimmed
                    if !t.isEmpty { out.append(t) }
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
