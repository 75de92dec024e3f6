import Foundation
import Testing
@testable import ArchiveIngest

@Suite("TEI / FRUS reader")
struct TEIReaderTests {
    let summary: FileReadSummary
    let docs: [ParsedDocument]

    init() throws {
        (summary, docs) = try Fixture.read("frus-volume.xml")
    }

    @Test func volumeSummary() {
        #expect(summary.format == .frus)
        #expect(summary.documentCount == 3)
        #expect(docs.count == 3)
        #expect(summary.passageCount == docs.map(\.passages.count).reduce(0, +))
        #expect(summary.volumeId == "frus1964-68v99")
        #expect(summary.volumeTitle == "Testland")
        #expect(summary.sha256.count == 64)
        #expect(summary.byteCount == (try? Data(contentsOf: Fixture.url("frus-volume.xml")).count))
        #expect(summary.sha256 == ContentHash.sha256Hex(try! Data(contentsOf: Fixture.url("frus-volume.xml"))))
        for d in docs { checkOffsets(d) }
    }

    @Test func glossaryFromPersonsAndTermsIncludingNestedLists() {
        #expect(summary.glossary == [
            GlossaryEntry(kind: .person, id: "p_BWG1", label: "Brown, Winthrop G.", description: "Ambassador to Korea"),
            GlossaryEntry(kind: .person, id: "p_BMG1", label: "Bundy, McGeorge", description: "Special Assistant"),
            GlossaryEntry(kind: .term, id: "t_MND1", label: "MND", description: "Minister/Ministry of National Defense"),
        ])
    }

    @Test func documentMetadata() throws {
        let d = docs[0]
        #expect(d.key == "d1")
        #expect(d.format == .frus)
        #expect(d.title == "1. Telegram From the Embassy in Korea to the Department of State")
        #expect(d.docType == "telegram")
        #expect(d.authors == ["Embassy in Korea"])
        #expect(d.recipients == ["Department of State"])
        #expect(d.place == "Seoul")
        #expect(d.date == DocumentDate(min: "1965-06-01T10:30:00", max: "1965-06-01T10:30:00", precision: .minute, raw: "1965-06-01T10:30:00"))
        #expect(d.context == ["Troops for Vietnam"])
        #expect(d.edition == Edition(series: "Foreign Relations of the United States", subseries: "1964–1968",
                                     volumeId: "frus1964-68v99", volumeNumber: "Volume XCIX", volumeTitle: "Testland",
                                     documentNumber: "1", firstPage: "10",
                                     canonicalURL: "https://history.state.gov/historicaldocuments/frus1964-68v99/d1",
                                     publisher: "United States Government Printing Office", publicationYear: "1999"))
        let sn = try #require(d.sourceNote)
        #expect(sn.verbatim == "Source: National Archives and Records Administration, RG 59, Central Files 1964–66, POL 27–3 VIET S. Top Secret; Immediate; Exdis. Repeated to Saigon.")
        #expect(sn.repository == "National Archives and Records Administration")
        #expect(sn.collection == "RG 59")
        #expect(sn.fileIdentifier == "Central Files 1964–66, POL 27–3 VIET S")
        #expect(sn.classification == "Top Secret")
        #expect(sn.handling == ["Immediate", "Exdis"])
    }

    @Test func passagesFootnotesAndPages() {
        let p = docs[0].passages
        #expect(p.map(\.kind) == [.head, .sourceNote, .body, .footnote, .body, .body, .body, .footnote, .body, .body,
                                  .body, .body, .body, .body])
        #expect(p[1].annotates == 0)
        #expect(p[1].noteNumber == "1")
        #expect(p[1].anchor == "d1fn1")
        // The footnote is lifted out of its sentence, with sane spacing, and follows its host.
        #expect(p[2].text == "1369. Ref: Deptel 1312. The Ambassador met the MND today. He said he would consider it.")
        #expect(p[3].text == "Not found.")
        #expect(p[3].annotates == 2)
        #expect(p[3].kind == .footnote)
        #expect(p[3].noteNumber == "2")
        // Page: first page is the pb before the div; a pb mid-paragraph moves later passages on.
        #expect(p[0].page == "10")
        #expect(p[2].page == "10")
        #expect(p[4].page == "11")
        #expect(p[2].anchor == "/TEI/text/body/div[1]/div[1]/p[1]")
        #expect(p[2].links == [EntityLink(kind: .person, ref: "p_BWG1", surface: "Ambassador"),
                               EntityLink(kind: .term, ref: "t_MND1", surface: "MND")])
        // Whitespace folding (tabs, U+2003, lb) and CDATA as text; rawText keeps the tab.
        #expect(p[4].text == "Second paragraph with odd spacing and a CDATA <b>not markup</b> section.")
        #expect(p[4].rawText.contains("\t"))
        #expect(p[5].text == "First item")
        // A <p> inside a note belongs to the note.
        #expect(p[7].text == "Note paragraph one. Note paragraph two.")
        #expect(p[7].annotates == 6)
        #expect(p[8].text == "Participants: | Mr. A")
        #expect(p[9].text == "Mr. B")
        #expect(p[10].text == "Attachment")
        #expect(p[11].text == "Attached paragraph.")
        #expect(p[12].text == "Line one line two.")
        #expect(p[13].text == "Brown")
    }

    @Test func foreignNamespacesAreSkipped() {
        let all = docs.map(\.plainText).joined(separator: "\n")
        #expect(!all.contains("never"))
        #expect(!all.contains("hidden xhtml div"))
        #expect(!all.contains("Example paragraph"))
        #expect(!all.contains("Chapter note"))
    }

    @Test func inlineSourceNoteBeforeHeadAndOpenerClassification() throws {
        let d = docs[1]
        #expect(d.passages.first?.kind == .sourceNote)
        #expect(d.passages.first?.annotates == nil)
        let sn = try #require(d.sourceNote)
        #expect(sn.verbatim == "795.00/8–1550")
        #expect(sn.fileIdentifier == "795.00/8–1550")
        #expect(sn.repository == nil)
        #expect(sn.classification == "Confidential")
        #expect(d.docType == "memorandum of conversation")
        #expect(d.place == "Washington")
        #expect(d.date == DocumentDate(min: "1965-06-02", max: "1965-06-03", precision: .range, raw: "1965-06-02/1965-06-03"))
        #expect(d.edition.firstPage == "11")
        #expect(d.title == "2. Memorandum of Conversation")
    }

    @Test func frusDateTimeAttributesWin() {
        let d = docs[2]
        #expect(d.docType == "editorial note")
        #expect(d.date?.min == "1965-06-01T00:00:00-05:00")
        #expect(d.date?.max == "1965-06-30T23:59:59-05:00")
        #expect(d.date?.precision == .range)
        #expect(d.edition.firstPage == "12")
        #expect(d.sourceNote == nil)
    }

    @Test func teiCorpusGivesOneDocumentPerTEI() throws {
        let (s, docs) = try Fixture.read("tei-corpus.xml")
        #expect(s.format == .tei)
        #expect(docs.map(\.key) == ["letter-a", "doc[2]"])
        #expect(docs[0].title == "Letter A")
        #expect(docs[0].authors == ["Alice"])
        #expect(docs[0].recipients == ["Bob"])
        #expect(docs[0].date?.min == "1827-06-23")
        #expect(docs[0].passages.map(\.text) == ["Dear Bob,", "First letter.", "Alice"])
        #expect(docs[1].title == "Letter B")
        // An invalid @when keeps the raw value.
        #expect(docs[1].date == DocumentDate(min: nil, max: nil, precision: .unknown, raw: "18270623"))
        for d in docs { checkOffsets(d) }
    }

    @Test func metadataOnlyCMIFGivesOneDocumentPerCorrespDesc() throws {
        let (_, docs) = try Fixture.read("cmif.xml")
        #expect(docs.count == 2)
        #expect(docs[0].authors == ["Gänsbacher, Johann"])
        #expect(docs[0].recipients == ["Weber, Carl Maria von"])
        #expect(docs[0].date == DocumentDate(min: "1810-07-11", max: "1810-07-18", precision: .range, raw: "1810-07-11/1810-07-18"))
        #expect(docs[0].extra["cert"] == "medium")
        #expect(docs[1].place == "Dresden")
        #expect(docs.allSatisfy { $0.passages.isEmpty })
    }

    @Test func stubVolumeYieldsNoDocuments() throws {
        let url = try Fixture.temp("""
        <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><publicationStmt><idno type="frus">frus1999v01</idno></publicationStmt></fileDesc></teiHeader>
        <text><body><p>This publication is in the process of being digitized.</p></body></text></TEI>
        """)
        let (s, docs) = try Fixture.read(url)
        #expect(s.format == .frus)
        #expect(docs.isEmpty)
        #expect(s.volumeId == "frus1999v01")
    }
}
