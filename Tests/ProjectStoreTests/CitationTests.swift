import Foundation
import Testing
@testable import ProjectStore

@Suite struct CitationTests {
    @Test func frusShortFormAndChicagoNote() throws {
        let (db, dir) = try PassageSearchTests.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = DocumentCatalog(database: db)
        let d1 = try #require(try catalog.documents(filter: DocumentFilter(volume: "dossier-sample-korea")).first { $0.docKey == "d1" })
        let citation = Citation(document: d1)
        #expect(citation.frusShort == "FRUS, 1950–1952, Sample Volume K, Korea: Third-Country Contingents (Dossier teaching sample), Document 1")
        #expect(citation.chicago.hasPrefix("Telegram From the Embassy in Colombia to the Department of State, Bogotá, October 15, 1950, in Foreign Relations of the United States, 1950–1952, Sample Volume K,"))
        #expect(citation.chicago.contains("Document 1, https:"))
        #expect(citation.chicago.hasSuffix("historicaldocuments/dossier-sample-korea/d1."))
        let passage = try #require(try catalog.passages(documentId: d1.id!).last { $0.kind == "body" })
        let locator = try catalog.locator(of: passage)
        #expect(locator.hasPrefix("para. "))
        let pc = Citation(document: d1, passage: passage, locator: locator)
        #expect(pc.page != nil)
        #expect(pc.chicago.contains("Document 1, \(locator), https:"))
        #expect(pc.frusShort!.hasSuffix("Document 1, \(locator)"))
        #expect(!pc.chicago.contains("/TEI") && !pc.chicago.contains("#"))
    }

    @Test(.enabled(if: TestSupport.corpusExists, "../shared/corpus is absent"))
    func realFRUSDocumentCitesAsHistoriansDo() throws {
        let db = try ProjectDatabase.inMemory()
        let r = ArchiveImporter(database: db).importFile(TestSupport.corpus.appendingPathComponent("frus/frus1964-68v02_d228.xml"))
        #expect(r.status == .imported)
        let doc = try #require(try DocumentCatalog(database: db).documents().first)
        let citation = Citation(document: doc)
        #expect(citation.frusShort == "FRUS, 1964–1968, vol. II, Vietnam, January–June 1965, Document 228")
        #expect(citation.chicago == "Memorandum by the President's Special Assistant for National Security Affairs (Bundy), Washington, April 1, 1965, in Foreign Relations of the United States, 1964–1968, vol. II, Vietnam, January–June 1965, eds. David C. Humphrey, Ronald D. Landa, and Louis J. Smith (Washington: United States Government Printing Office, 1996), Document 228, https://history.state.gov/historicaldocuments/frus1964-68v02/d228.")
        #expect(citation.page == "506")
    }

    @Test func volumeNumbersShorten() {
        #expect(Citation.shortVolume("Volume XXIX, Part 1") == "vol. XXIX, pt. 1")
    }

    @Test func datesFormatByPrecision() {
        #expect(Citation.formatDate(min: "1965-06-30", max: "1965-06-30", precision: "day", raw: nil) == "June 30, 1965")
        #expect(Citation.formatDate(min: "1965-06-01", max: "1965-06-30", precision: "month", raw: nil) == "June 1965")
        #expect(Citation.formatDate(min: "1965-01-01", max: "1965-12-31", precision: "year", raw: nil) == "1965")
        #expect(Citation.formatDate(min: nil, max: nil, precision: "unknown", raw: "18270623") == "18270623")
    }
}

@Suite struct ShortVolumeTests {
    @Test("volume abbreviations: Volume/Volumes at the start, every Part")
    func abbreviations() {
        #expect(Citation.shortVolume("Volumes XXII/XXIV, Part 2") == "vols. XXII/XXIV, pt. 2")
        #expect(Citation.shortVolume("Volume X, Part 1, Part 2") == "vol. X, pt. 1, pt. 2")
        #expect(Citation.shortVolume("Volume") == "Volume")
        #expect(Citation.shortVolume("The Volume II") == "The Volume II")
        #expect(Citation.shortVolume("Volume II") == "vol. II")
        #expect(Citation.shortVolume("") == "")
    }
}
