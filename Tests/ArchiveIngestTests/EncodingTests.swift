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
}
