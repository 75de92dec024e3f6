import Foundation

/// A full-text query as the user typed it, turned into the FTS5 expression SQLite runs.
///
/// Plain mode (the default) reads words and "quoted phrases" the way a reader means them: every
/// word must occur, punctuation inside a word is part of it (`U.S.` is the phrase u s, `ROK-Japan`
/// the phrase rok japan), `word*` is a prefix, and nothing is an operator or a column name. FTS5
/// mode passes the text through for NEAR, OR/AND/NOT, `^` and column filters, and a syntax error is
/// reported with the character position where FTS5 stopped, never as SQL.
public struct SearchQuery: Sendable, Equatable {
    public enum Mode: String, Sendable { case plain, fts }

    /// What the user typed.
    public var text: String
    public var mode: Mode

    public init(_ text: String, mode: Mode = .plain) {
        self.text = text
        self.mode = mode
    }

    /// The FTS5 expression to MATCH. Throws `StoreError.invalidSearchQuery` when nothing is left to
    /// search for (an empty query, only punctuation) or a quote is left open in plain mode.
    public func ftsExpression() throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.invalidSearchQuery(query: text, reason: "it is empty") }
        if mode == .fts { return trimmed }
        var terms: [String] = []
        var i = trimmed.startIndex
        while i < trimmed.endIndex {
            let c = trimmed[i]
            if c.isWhitespace { i = trimmed.index(after: i); continue }
            if c == "\"" || c == "\u{201C}" {
                let closeChars: Set<Character> = ["\"", "\u{201D}"]
                let start = trimmed.index(after: i)
                guard let end = trimmed[start...].firstIndex(where: { closeChars.contains($0) }) else {
                    let pos = trimmed.distance(from: trimmed.startIndex, to: i) + 1
                    throw StoreError.invalidSearchQuery(
                        query: text, reason: "the quote at character \(pos) is never closed; close it, or drop it to search the words separately")
                }
                let phrase = String(trimmed[start..<end])
                if Self.hasWordCharacters(phrase) { terms.append(Self.quoted(phrase)) }
                i = trimmed.index(after: end)
                continue
            }
            let end = trimmed[i...].firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "\u{201C}" }) ?? trimmed.endIndex
            var word = String(trimmed[i..<end])
            i = end
            var prefix = false
            if word.hasSuffix("*"), word.count > 1 {
                word.removeLast()
                prefix = Self.hasWordCharacters(word)
            }
            guard Self.hasWordCharacters(word) else { continue }
            terms.append(Self.quoted(word) + (prefix ? "*" : ""))
        }
        guard !terms.isEmpty else {
            throw StoreError.invalidSearchQuery(query: text, reason: "it has no letters or digits to search for (use --fts for FTS5 syntax)")
        }
        return terms.joined(separator: " ")
    }

    static func hasWordCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) }
    }

    /// An FTS5 string: double quotes around, inner double quotes doubled.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A researcher's message for an FTS5 error on `query` (FTS5 mode), naming the position.
    static func explain(_ sqliteMessage: String, query: String) -> String {
        let message = sqliteMessage.replacingOccurrences(of: "fts5: ", with: "")
        if let r = message.range(of: #"syntax error near ""#) {
            let near = String(message[r.upperBound...].dropLast(message.hasSuffix("\"") ? 1 : 0))
            if near.isEmpty { return "FTS5 syntax error at the end of the query (an operator or a bracket is missing its right-hand side)" }
            if let at = query.range(of: near) {
                let pos = query.distance(from: query.startIndex, to: at.lowerBound) + 1
                return "FTS5 syntax error at character \(pos), near \u{201C}\(near)\u{201D}"
            }
            return "FTS5 syntax error near \u{201C}\(near)\u{201D}"
        }
        if message.hasPrefix("no such column: ") {
            let column = String(message.dropFirst("no such column: ".count))
            var where_ = ""
            if let at = query.range(of: column) {
                where_ = " at character \(query.distance(from: query.startIndex, to: at.lowerBound) + 1)"
            }
            return "in FTS5 syntax \u{201C}\(column)\u{201D}\(where_) reads as a column name (after - or before :); put the word in double quotes, or search without --fts"
        }
        if message.hasPrefix("unknown special query") {
            return "FTS5 syntax error at character 1: a query cannot start with * or another operator (a prefix needs letters before the *, e.g. subsid*)"
        }
        if message.contains("unterminated string") {
            if let q = query.lastIndex(of: "\"") {
                return "FTS5 syntax error: the quote at character \(query.distance(from: query.startIndex, to: q) + 1) is never closed"
            }
            return "FTS5 syntax error: a quote is never closed"
        }
        return "FTS5 syntax error (\(message))"
    }
}
