import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Other XML with a mapping")
struct XMLMappingTests {
    @Test func mappedExport() throws {
        let mapping = try XMLMapping.load(contentsOf: Fixture.url("mapping.yaml"))
        let (s, docs) = try Fixture.read("mapped.xml", mapping: mapping)
        #expect(s.format == .xml)
        #expect(docs.map(\.key) == ["r1", "r2"])
        let d = docs[0]
        #expect(d.format == .xml)
        #expect(d.title == "Cable 1")
        #expect(d.date?.min == "1965-06-01")
        #expect(d.place == "Saigon")
        #expect(d.authors == ["Taylor", "Johnson"])
        #expect(d.passages.map(\.text) == ["First para.", "Second bold para.", "Line in a note."])
        #expect(d.passages[0].anchor == "/export/record[1]/para[1]")
        #expect(docs[1].title == "Cable 2")
        #expect(docs[1].passages.map(\.text) == ["Only para."])
        for d in docs { checkOffsets(d) }
    }

    @Test func defaultMappingReadsParagraphLikeElements() throws {
        let (s, docs) = try Fixture.read("plain.xml")
        #expect(s.format == .xml)
        #expect(docs.count == 1)
        #expect(docs[0].title == "A plain article")
        #expect(docs[0].passages.map(\.text) == ["Para one.", "Para two.", "Nested para."])
        #expect(docs[0].passages[0].anchor == "/article/section[1]/para[1]")
    }

    @Test func pathMatching() throws {
        let rel = try XMLMapping.Path("note/line")
        #expect(rel.matches(["export", "record", "note", "line"]))
        #expect(!rel.matches(["export", "record", "line"]))
        let abs = try XMLMapping.Path("/export/record")
        #expect(abs.matches(["export", "record"]))
        #expect(!abs.matches(["x", "export", "record"]))
        let attr = try XMLMapping.Path("date/@when")
        #expect(attr.attribute == "when")
        #expect(try XMLMapping.Path("//p").matches(["a", "b", "p"]))
        #expect(try XMLMapping.Path("*/p").matches(["a", "b", "p"]))
    }

    @Test func invalidMappings() {
        func problem(_ yaml: String) -> IngestError? {
            do { _ = try XMLMapping.parse(yaml, file: "m.yaml"); return nil } catch { return error as? IngestError }
        }
        guard case let .invalidMapping(file, line, message)? = problem("document: record\npassage: [p]\n") else {
            Issue.record("unknown key accepted"); return
        }
        #expect(file == "m.yaml")
        #expect(line == 2)
        #expect(message.contains("unknown key 'passage'"))
        #expect(problem("passages: [\"p[1]\"]\n") != nil)
        #expect(problem("key: id\n") != nil)
        #expect(problem("- just\n- a list\n") != nil)
        #expect(problem("passages: [p\n") != nil)
        #expect(problem("passages: []\n") != nil)
        #expect(problem("# comments only\n") == nil)
    }
}
