import Foundation
import Testing
@testable import ArchiveIngest

/// The shared corpus at `../shared/corpus` (relative to the repository root); skipped when absent.
enum Corpus {
    /// `DOSSIER_CORPUS` overrides the location (a git worktree sits one level deeper than the repository).
    static let root: URL = ProcessInfo.processInfo.environment["DOSSIER_CORPUS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus").standardizedFileURL
    static let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent("frus").path)

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static var allFiles: [URL] {
        guard exists, let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return e.compactMap { $0 as? URL }
            .filter { ["xml", "txt"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    static func read(_ relative: String) throws -> (FileReadSummary, [ParsedDocument]) {
        try Fixture.read(url(relative))
    }
}

@Suite("Corpus integration", .enabled(if: Corpus.exists))
struct CorpusTests {
    @Test func everyFileReadsOrFailsWithAClearError() throws {
        let files = Corpus.allFiles
        #expect(files.count > 40)
        for url in files {
            do {
                var documents = 0
                let s = try ArchiveReader().read(file: url) { doc in
                    documents += 1
                    checkOffsets(doc)
                    #expect(!doc.key.isEmpty)
                }
                #expect(s.documentCount == documents, "\(url.lastPathComponent)")
                #expect(s.sha256.count == 64)
            } catch let e as IngestError {
                #expect(e.errorDescription?.hasPrefix(url.path) == true)
            } catch {
                Issue.record("\(url.lastPathComponent): unexpected error \(error)")
            }
        }
    }

    @Test func wholeVolumeHas44Documents() throws {
        let (s, docs) = try Corpus.read("frus/whole/frus1917-72PubDip.xml")
        #expect(s.format == .frus)
        #expect(s.documentCount == 44)
        #expect(docs.count == 44)
        #expect(s.volumeId == "frus1917-72PubDip")
        #expect(!s.glossary.isEmpty)
        #expect(Set(docs.map(\.key)).count == 44)
        let text = docs.map(\.plainText).joined(separator: "\n")
        // Embedded XHTML (Brightcove player) is not content.
        #expect(!text.contains("brightcove"))
        #expect(!text.contains("600x338"))
        #expect(docs.allSatisfy { $0.edition.canonicalURL?.hasPrefix("https://history.state.gov/historicaldocuments/frus1917-72PubDip/d") == true })
    }

    @Test(arguments: ["frus/whole/stubs/frus1917-72PubDipv04.xml", "frus/whole/stubs/frus1958-60v05mSupp.xml"])
    func stubsHaveNoDocuments(_ path: String) throws {
        let (s, docs) = try Corpus.read(path)
        #expect(s.format == .frus)
        #expect(docs.isEmpty)
        #expect(s.volumeId != nil)
    }

    @Test func v02d228() throws {
        let (_, docs) = try Corpus.read("frus/frus1964-68v02_d228.xml")
        let d = try #require(docs.first)
        #expect(docs.count == 1)
        #expect(d.key == "d228")
        #expect(d.edition.documentNumber == "228")
        #expect(d.edition.firstPage == "506")
        #expect(d.edition.volumeId == "frus1964-68v02")
        #expect(d.edition.volumeNumber == "Volume II")
        #expect(d.edition.canonicalURL == "https://history.state.gov/historicaldocuments/frus1964-68v02/d228")
        #expect(d.date == DocumentDate(min: "1965-04-01", max: "1965-04-01", precision: .day, raw: "1965-04-01"))
        #expect(d.place == "Washington")
        #expect(d.docType == "memorandum")
        #expect(d.title == "228. Memorandum by the President's Special Assistant for National Security Affairs (Bundy)")
        let sn = try #require(d.sourceNote)
        #expect(sn.verbatim.hasPrefix("Source: Johnson Library, National Security File, Memos to the President, McGeorge Bundy, Vol. IX. Top Secret. Printed in part in Pentagon Papers"))
        // The <p>s inside the source note belong to the note, not to the body.
        #expect(sn.verbatim.contains("If you have a chance to read this memorandum"))
        #expect(sn.verbatim.hasSuffix("WPB Chron."))
        #expect(sn.repository == "Johnson Library")
        #expect(sn.collection == "National Security File")
        #expect(sn.classification == "Top Secret")
        #expect(!d.passages.contains { $0.kind == .body && $0.text.contains("If you have a chance") })
        #expect(d.passages[0].kind == .head)
        #expect(d.passages[1].kind == .sourceNote)
        #expect(d.passages[1].annotates == 0)
        // The page break inside paragraph 4 moves the next paragraph to page 507.
        let p5 = try #require(d.passages.first { $0.text.hasPrefix("The situation in many areas") })
        #expect(p5.page == "507")
        let fn2 = try #require(d.passages.first { $0.anchor == "d228fn2" })
        #expect(fn2.kind == .footnote)
        #expect(fn2.noteNumber == "2")
        let host = d.passages[try #require(fn2.annotates)]
        #expect(host.text.hasSuffix("proposed negotiations “without preconditions.”"))
        #expect(fn2.ordinal == host.ordinal + 1)
        #expect(d.context.last?.hasPrefix("Increase in U.S. ground forces in Vietnam") == true)
    }

    @Test func v29p1d56() throws {
        let (s, docs) = try Corpus.read("frus/frus1964-68v29p1_d56.xml")
        let d = try #require(docs.first)
        #expect(d.edition.documentNumber == "56")
        #expect(d.edition.firstPage == "120")
        #expect(d.date?.min == "1965-06-23T13:00:00Z")
        #expect(d.docType == "telegram")
        #expect(d.authors == ["Embassy in Korea"])
        #expect(d.recipients == ["Department of State"])
        #expect(d.place == "Seoul")
        #expect(d.sourceNote?.classification == "Secret")
        #expect(d.sourceNote?.handling == ["Limdis"])
        #expect(d.sourceNote?.fileIdentifier == "Central Files 1964–66, DEF 19 KOR S-VIET S")
        #expect(s.glossary.contains { $0.id == "p_BWG1" && $0.label == "Brown, Winthrop G." })
    }

    @Test func v20d198AndModernMarkup() throws {
        let (_, docs) = try Corpus.read("frus/frus1969-76v20_d198.xml")
        let d = try #require(docs.first)
        #expect(d.edition.documentNumber == "198")
        #expect(d.edition.firstPage == "423")
        #expect(d.date?.min == "1969-11-14")
        #expect(d.sourceNote?.repository == "National Archives")
        #expect(d.sourceNote?.collection == "Nixon Presidential Materials")
        #expect(d.sourceNote?.classification == "Secret")

        let (_, modern) = try Corpus.read("frus/modern/frus1917-72PubDipv06_d4.xml")
        let m = try #require(modern.first)
        #expect(m.date == DocumentDate(min: "1960-12-14T00:00:00-05:00", max: "1960-12-14T23:59:59-05:00", precision: .day,
                                       raw: "1960-12-14T00:00:00-05:00/1960-12-14T23:59:59-05:00"))
        #expect(m.edition.subseries == "1917–1972")
        #expect(m.edition.volumeNumber == "Volume VI")
        #expect(m.edition.firstPage == "16")
        #expect(m.sourceNote?.classification == "No classification marking")
    }

    @Test func pre1955InlineSourceNoteAndOpenerClassification() throws {
        let (_, docs) = try Corpus.read("frus/frus1951v07p2_d28.xml")
        let d = try #require(docs.first)
        #expect(d.sourceNote?.verbatim == "UNA Files: Lot 71 D 440")
        #expect(d.sourceNote?.classification == "Confidential")
        #expect(d.docType == "memorandum of conversation")
        #expect(d.edition.firstPage == "1562")
        #expect(d.place == "Washington")
    }

    @Test func edgeFiles() throws {
        // BOM + CRLF electronic-only volume.
        let (s, docs) = try Corpus.read("edge/frus1969-76ve09p1.xml")
        #expect(s.format == .frus)
        #expect(docs.count == 128)
        #expect(!docs.contains { $0.passages.contains { $0.rawText.contains("\r") } })
        // Microfiche supplement: heads only, no body passages.
        let (_, fiche) = try Corpus.read("edge/frus1961-63v07-09mSupp.xml")
        #expect(fiche.count == 483)
        #expect(fiche.allSatisfy { doc in !doc.passages.contains { $0.kind == .body } })
        #expect(fiche.first?.extra["supplement"] == "microfiche")
        // egXML examples are not content.
        let (_, music) = try Corpus.read("edge/TEIC_notatedMusic.xml")
        #expect(music.count == 1)
        // CDATA kept as text.
        let (_, intro) = try Corpus.read("edge/TEIC_gsin-Intro.xml")
        #expect(intro.first?.plainText.contains("use of <!-- ... --> to write") == true)
        // ISO-8859-1, TEI P4 without a namespace, DOCTYPE to an absent DTD.
        let (p4, oucs) = try Corpus.read("edge/TEIC_testoucs.xml")
        #expect(p4.format == .tei)
        #expect(oucs.count == 1)
    }

    @Test func eadSamples() throws {
        for (path, format) in [("ead/ead2002/beinecke.vita.xml", SourceFormat.ead2002),
                               ("ead/ead2002/kitchen_sink_EAD_for_testing_think_this_most_complete.xml", .ead2002),
                               ("ead/ead3/C1571.EAD3.xml", .ead3), ("ead/ead3/S.0001_valid.xml", .ead3),
                               ("ead/ead3/UMN_mss060.xml", .ead3), ("ead/ead3/NCSU_mc00212.xml", .ead3)] {
            let (s, docs) = try Corpus.read(path)
            #expect(s.format == format, "\(path)")
            #expect(!docs.isEmpty)
            #expect(docs.first?.title != nil)
        }
    }

    @Test func teiLettersAndText() throws {
        let (_, letters) = try Corpus.read("tei/letters/1957-03-21-kennan-to-leopold.xml")
        #expect(letters.map(\.key) == ["leopold-to-kennan", "woodward-to-kennan", "freund-to-kennan", "kennan-to-leopold"])
        #expect(letters[0].date?.min == "1957-02-03")
        let (_, cmif) = try Corpus.read("tei/correspondence_metadata/CMIF_example01_basic.xml")
        #expect(cmif.count == 3)
        let (s, text) = try Corpus.read("text/GAO_NSIAD-92-71_excerpt_ocr.txt")
        #expect(s.format == .text)
        #expect(text.first?.passages.isEmpty == false)
    }
}
