import Testing
@testable import dossier

/// `CSVField.escape` decides ASCII fields on their bytes; that must quote exactly the fields the
/// Character test quotes (a CRLF is one Character, a comma followed by a combining mark is not a comma).
@Suite struct CSVFieldTests {
    static func byCharacters(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    @Test func bytesAndCharactersQuoteTheSameFields() {
        let pieces = ["a", " ", ",", "\"", "\n", "\r", "\r\n", "\u{301}", "é", "’", "\t", "x,y", "1369"]
        var fields = pieces
        for a in pieces { for b in pieces { fields.append(a + b); for c in ["", ",", "\n", "q"] { fields.append(a + c + b) } } }
        for field in fields {
            #expect(CSVField.escape(field) == Self.byCharacters(field), "\(Array(field.unicodeScalars))")
        }
        #expect(CSVField.escape("a,b") == "\"a,b\"")
        #expect(CSVField.escape("plain") == "plain")
    }
}
