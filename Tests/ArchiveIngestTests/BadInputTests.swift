import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Bad input gives clear errors")
struct BadInputTests {
    func error(reading name: String) -> IngestError? {
        do { _ = try Fixture.read(name); return nil } catch { return error as? IngestError }
    }

    @Test func malformedXMLHasPositionAndMessage() throws {
        let e = try #require(error(reading: "malformed.xml"))
        guard case let .malformedXML(file, line, column, message) = e else { Issue.record("got \(e)"); return }
        #expect(file.hasSuffix("malformed.xml"))
        #expect(line == 4)
        #expect(column > 1)
        #expect(message.contains("mismatch"))
        #expect(e.errorDescription?.hasPrefix("\(file):4:\(column): ") == true)
    }

    @Test func emptyAndWhitespaceOnlyFiles() {
        #expect(error(reading: "empty.xml") == .emptyFile(file: Fixture.url("empty.xml").path))
        #expect(error(reading: "whitespace-only.txt") == .emptyFile(file: Fixture.url("whitespace-only.txt").path))
    }

    @Test func binaryFile() {
        #expect(error(reading: "binary.xml") == .binaryFile(file: Fixture.url("binary.xml").path))
    }

    @Test func unknownEncoding() {
        #expect(error(reading: "unknown-encoding.xml") == .unknownEncoding(file: Fixture.url("unknown-encoding.xml").path,
                                                                           encoding: "X-NO-SUCH-ENCODING"))
    }

    @Test func unreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent/dir/file.xml")
        #expect(throws: IngestError.self) { _ = try Fixture.read(url) }
    }

    /// Documents completed before the error are emitted (libxml2 parses ahead in small chunks, so a
    /// document ending within a few hundred bytes of the error may not be); none after it.
    @Test func documentsBeforeTheErrorAreEmitted() throws {
        let filler = String(repeating: "<p>Filler paragraph of text.</p>\n", count: 100)
        let url = try Fixture.temp("""
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
        <div type="document" xml:id="d1"><head>1. Letter</head><p>Fine.</p></div>
        <div type="document" xml:id="d2"><head>2. Letter</head>\(filler)</div>
        <div type="document" xml:id="d3"><head>3. Letter</head><p>Broken.</div>
        <div type="document" xml:id="d4"><head>4. Letter</head><p>Never.</p></div>
        </body></text></TEI>
        """)
        var keys: [String] = []
        #expect(throws: IngestError.self) { _ = try ArchiveReader().read(file: url) { keys.append($0.key) } }
        #expect(keys.first == "d1")
        #expect(!keys.contains("d3") && !keys.contains("d4"))
    }

    @Test func emitErrorsPropagate() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) { _ = try ArchiveReader().read(file: Fixture.url("frus-volume.xml")) { _ in throw Stop() } }
    }
}
