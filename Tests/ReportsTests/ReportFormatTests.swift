import Foundation
import Testing
@testable import Reports

/// The Markdown escapes are single passes over the text; these check them against their
/// definitions written with Foundation's replacements, over texts built from the characters
/// that matter (CR, LF, CRLF, `<`, `|`) among letters and non-ASCII text.
@Suite struct ReportFormatTests {
    static func cellByDefinition(_ text: String) -> String {
        text.replacingOccurrences(of: "<", with: "\\<")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// Written on UTF-8 bytes: lines end at each LF, a CR just before it belongs to the break.
    /// (The earlier Character split missed a break when CRs preceded a CRLF: "\r\r\n" is "\r" and
    /// then one CRLF Character, so the next line fell outside the quote.)
    static func quotedByDefinition(_ excerpt: String) -> String {
        let lines = Array(excerpt.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return lines.indices.map { i in
            let endsInBreak = i < lines.count - 1 && lines[i].last == UInt8(ascii: "\r")
            let bytes = endsInBreak ? lines[i].dropLast() : lines[i]
            return "> " + String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<", with: "\\<")
        }.joined(separator: "\n")
    }

    static let pieces = ["a", "Seoul", " ", "\r", "\n", "\r\n", "<", "|", "é", "e\u{301}", "“", "—", "\t", "<interest>", "||", "\n\n", "\r\r"]

    static func texts() -> [String] {
        var state: UInt64 = 3
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var out = ["", "plain", "\r\n", "\n", "\r", "a\r\nb\nc\rd", "<|>", "line one\r\n\r\nline three"]
        for _ in 0..<3000 { out.append((0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()) }
        return out
    }

    @Test("a table cell: one line, pipes and < escaped, each CR, LF or CRLF one space")
    func cell() {
        for t in Self.texts() { #expect(ReportFormat.cell(t) == Self.cellByDefinition(t), "\(t.debugDescription)") }
    }

    @Test("an excerpt as a block quote: every LF or CRLF line prefixed, < escaped")
    func quoted() {
        for t in Self.texts() { #expect(EvidenceAppendix.quoted(t) == Self.quotedByDefinition(t), "\(t.debugDescription) got \(EvidenceAppendix.quoted(t).debugDescription) want \(Self.quotedByDefinition(t).debugDescription)") }
    }

    @Test("a CSV field: quoted when it holds a comma, quote, CR or LF, quotes doubled (RFC 4180)")
    func csvField() {
        for t in Self.texts() + ["a,b", "say \"no\"", "\"", ","] {
            let special = t.contains(",") || t.contains("\"") || t.unicodeScalars.contains("\n") || t.unicodeScalars.contains("\r")
            let expected = special ? "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : t
            #expect(ReportFormat.csv(t) == expected, "\(t.debugDescription)")
        }
    }
}
