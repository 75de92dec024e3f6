import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Plain text reader")
struct TextReaderTests {
    @Test func frontMatterAndParagraphs() throws {
        let (s, docs) = try Fixture.read("front-matter.txt")
        #expect(s.format == .text)
        #expect(s.documentCount == 1)
        let d = try #require(docs.first)
        #expect(d.format == .text)
        #expect(d.title == "Report on Burden Sharing")
        #expect(d.docType == "report")
        #expect(d.date == DocumentDate(min: "1991-03-05", max: "1991-03-05", precision: .day, raw: "1991-03-05"))
        #expect(d.place == "Washington")
        #expect(d.authors == ["General Accounting Office"])
        #expect(d.recipients == ["Chairman", "Committee"])
        #expect(d.sourceNote?.repository == "GAO Archives")
        #expect(d.sourceNote?.classification == "Unclassified")
        #expect(d.edition.series == "GAO Testimony")
        #expect(d.edition.documentNumber == "52")
        #expect(d.edition.firstPage == "3")
        #expect(d.edition.canonicalURL == "https://example.org/gao")
        #expect(d.extra["reviewer"] == "Smith")
        // CRLF normalized; paragraphs split on blank (or whitespace-only) lines.
        #expect(d.passages.map(\.text) == ["First paragraph continues here.", "Second paragraph.", "Third."])
        #expect(d.passages[0].rawText == "First paragraph\ncontinues here.")
        #expect(d.passages.map(\.anchor) == ["para[1]", "para[2]", "para[3]"])
        checkOffsets(d)
    }

    @Test func withoutFrontMatter() throws {
        let url = try Fixture.temp("One.\n\nTwo\nlines.\n", ext: "txt")
        let (_, docs) = try Fixture.read(url)
        #expect(docs.first?.title == nil)
        #expect(docs.first?.passages.map(\.text) == ["One.", "Two lines."])
    }

    @Test func invalidFrontMatterNamesTheLine() {
        #expect {
            _ = try Fixture.read("bad-front-matter.txt")
        } throws: { e in
            guard case let .invalidFrontMatter(_, line, message) = e as? IngestError else { return false }
            return line >= 2 && message.contains("expected")
        }
        #expect(throws: IngestError.self) { _ = try Fixture.read(try Fixture.temp("---\ntitle: x\nno end\n", ext: "txt")) }
        #expect(throws: IngestError.self) { _ = try Fixture.read(try Fixture.temp("---\n- a list\n---\nBody\n", ext: "txt")) }
    }
}
