import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Encodings, BOM, line endings")
struct EncodingTests {
    static let expected = ["François wrote from the café on the Quai.", "Second paragraph."]

    @Test(arguments: ["utf8-bom.xml", "bom-no-declaration.xml", "no-declaration.xml", "iso-8859-1.xml", "crlf.xml", "lf.xml"])
    func readsTheSameText(_ name: String) throws {
        #expect(try FormatDetector.detect(file: Fixture.url(name)) == .tei)
        let (_, docs) = try Fixture.read(name)
        #expect(docs.count == 1)
        #expect(docs[0].title == "Café letter")
        #expect(docs[0].passages.map(\.text) == Self.expected)
        checkOffsets(docs[0])
    }

    @Test func crlfAndLFGiveIdenticalPassages() throws {
        let (_, crlf) = try Fixture.read("crlf.xml")
        let (_, lf) = try Fixture.read("lf.xml")
        #expect(crlf[0].passages == lf[0].passages)
        #expect(!crlf[0].passages[0].rawText.contains("\r"))
    }

    @Test func utf16WithBOM() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Fran\u{e7}ois.</p></body></text></TEI>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (_, docs) = try Fixture.read(try Fixture.temp(bytes))
        #expect(docs.first?.passages.map(\.text) == ["François."])
    }

    @Test func latin1TextFallsBackWithAWarning() throws {
        let (s, docs) = try Fixture.read(try Fixture.temp([0x43, 0x61, 0x66, 0xE9, 0x2E], ext: "txt"))
        #expect(docs.first?.passages.map(\.text) == ["Café."])
        #expect(s.warnings.contains { $0.contains("ISO-8859-1") })
    }
}
