import Foundation
import Testing
@testable import ArchiveIngest

@Suite("EAD reader")
struct EADReaderTests {
    @Test func ead2002ArchdescAndComponents() throws {
        let (s, docs) = try Fixture.read("ead2002.xml")
        #expect(s.format == .ead2002)
        #expect(s.volumeId == "test.ead2002")
        #expect(s.volumeTitle == "Guide to the Test Papers")
        #expect(docs.map(\.title) == ["Test Papers", "Correspondence", "Letters to Brown"])
        #expect(docs.map(\.key) == ["/ead/archdesc", "ser1", "/ead/archdesc/dsc/c01[1]/c02[1]"])
        #expect(docs.allSatisfy { $0.format == .ead2002 })
        let top = docs[0]
        #expect(top.date == DocumentDate(min: "1950-01-01", max: "1975-12-31", precision: .range, raw: "1950/1975"))
        #expect(top.authors == ["Doe, Jane"])
        #expect(top.passages.map(\.text) == ["Test Papers", "Papers of a diplomat.", "Biographical Note",
                                             "Jane Doe served in Seoul.", "She retired in 1975."])
        #expect(top.passages.first?.kind == .head)
        #expect(top.extra["unitid"] == "MS 1")
        #expect(top.sourceNote?.repository == "Test Library")
        // controlaccess is not text to code.
        #expect(!top.plainText.contains("Diplomats"))
        #expect(docs[1].context == ["Test Papers"])
        #expect(docs[1].date?.precision == .month)
        #expect(docs[1].passages.map(\.text) == ["Correspondence", "Letters about troops."])
        #expect(docs[2].context == ["Test Papers", "Correspondence"])
        #expect(docs[2].extra["container"] == "Box 1, Folder 2")
        #expect(docs[2].sourceNote?.collection == "Test Papers")
        #expect(docs[2].sourceNote?.fileIdentifier == "Box 1, Folder 2")
        #expect(docs[2].passages.map(\.text) == ["Letters to Brown", "Some letters are damaged."])
        for d in docs { checkOffsets(d) }
    }

    @Test func ead3StructuredDates() throws {
        let (s, docs) = try Fixture.read("ead3.xml")
        #expect(s.format == .ead3)
        #expect(s.volumeId == "test-ead3")
        #expect(docs.count == 2)
        #expect(docs[0].date == DocumentDate(min: "1820-01-01", max: "1972-12-31", precision: .range, raw: "1820/1972"))
        #expect(docs[0].passages.map(\.text) == ["EAD3 Papers", "An abstract.", "Scope paragraph.", "Item one", "Item two"])
        #expect(docs[1].key == "c1")
        #expect(docs[1].date == DocumentDate(min: "1901-05-02", max: "1901-05-02", precision: .day, raw: "1901-05-02"))
        for d in docs { checkOffsets(d) }
    }

    @Test func dialectComesFromTheElementSetNotTheNamespace() throws {
        let url = Fixture.url("ead2002-elements-in-ead3-namespace.xml")
        #expect(try FormatDetector.detect(file: url) == .ead2002)
        #expect(try FormatDetector.detect(file: Fixture.url("ead3.xml")) == .ead3)
        #expect(try FormatDetector.detect(file: Fixture.url("ead2002.xml")) == .ead2002)
        let (s, docs) = try Fixture.read(url)
        #expect(s.format == .ead2002)
        #expect(docs.first?.passages.map(\.text) == ["Mixed", "Text."])
    }
}
