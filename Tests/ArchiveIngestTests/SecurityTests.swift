import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Security: external entities and entity expansion")
struct SecurityTests {
    @Test func externalEntityIsNeverLoaded() throws {
        let (summary, docs) = try Fixture.read("xxe.xml")
        let text = docs.map(\.plainText).joined() + docs.flatMap { $0.passages.map(\.rawText) }.joined()
        #expect(!text.contains("root:x:0:0"))
        #expect(!text.contains("/bin/"))
        #expect(docs.first?.passages.first?.text == "Before after.")
        #expect(summary.warnings.contains { $0.contains("&xxe;") })
    }

    @Test func billionLaughsFailsWithEntityExpansion() throws {
        let url = Fixture.url("billion-laughs.xml")
        var emitted = 0
        #expect {
            _ = try ArchiveReader().read(file: url) { _ in emitted += 1 }
        } throws: { error in
            guard case .entityExpansion(let file, let line, _) = error as? IngestError else { return false }
            return file == url.path && line > 1
        }
        #expect(emitted == 0)
    }

    @Test func externalDTDIsNotFetched() throws {
        // A DOCTYPE pointing at a DTD that does not exist (as TEI test files do) still reads.
        let url = try Fixture.temp("""
        <!DOCTYPE TEI SYSTEM "../DTD/tei.dtd" [ <!ENTITY % TEI.XML "INCLUDE"> ]>
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Still read.</p></body></text></TEI>
        """)
        let (_, docs) = try Fixture.read(url)
        #expect(docs.first?.passages.map(\.text) == ["Still read."])
    }
}
