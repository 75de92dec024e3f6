import ArchiveIngest
import Foundation
import Testing
@testable import ProjectStore

/// The note and short form of the first document of volumes of every shape, against values written
/// by hand from each volume's title-page fields (teiHeader titleStmt: title[@type=series|subseries|
/// volumenumber|volume], editor[@role=primary] (never @role=general); publicationStmt: pubPlace,
/// publisher, date). Whole series volumes are decompressed with xz from ../shared/corpus/frus/series.
@Suite("Citation shapes over FRUS volumes", .enabled(if: TestSupport.corpusExists))
struct CitationShapesTests {
    struct Shape: CustomTestStringConvertible {
        var source: String
        var volume: String
        var short: String
        var shape: String
        var testDescription: String { "\(source) (\(shape))" }
    }

    static let shapes: [Shape] = [
        Shape(source: "series:frus1948v01p1", volume: "Foreign Relations of the United States, 1948, vol. I, pt. 1, General; the United Nations, ed. Ralph R. Goodwin (Washington: United States Government Printing Office, 1975)",
              short: "FRUS, 1948, vol. I, pt. 1, General; the United Nations", shape: "annual volume, part"),
        Shape(source: "series:frus1949v07p2", volume: "Foreign Relations of the United States, 1949, vol. VII, pt. 2, The Far East and Australasia, eds. John G. Reid and John P. Glennon (Washington: United States Government Printing Office, 1976)",
              short: "FRUS, 1949, vol. VII, pt. 2, The Far East and Australasia", shape: "annual volume, two editors"),
        Shape(source: "series:frus1951v07p2", volume: "Foreign Relations of the United States, 1951, vol. VII, pt. 2, Korea and China, eds. John P. Glennon, Harriet D. Schwar, and Paul Claussen (Washington: United States Government Printing Office, 1983)",
              short: "FRUS, 1951, vol. VII, pt. 2, Korea and China", shape: "annual volume, three editors, general editor Aandahl left out"),
        Shape(source: "series:frus1952-54Guat", volume: "Foreign Relations of the United States, 1952–1954, Guatemala, ed. Susan Holly (Washington: United States Government Printing Office, 2003)",
              short: "FRUS, 1952–1954, Guatemala", shape: "retrospective volume: volumenumber 'Retrospective Volume' is not in the title"),
        Shape(source: "series:frus1952-54v01p1", volume: "Foreign Relations of the United States, 1952–1954, vol. I, pt. 1, General: Economic and Political Matters, eds. David M. Baehler et al. (Washington: United States Government Printing Office, 1983)",
              short: "FRUS, 1952–1954, vol. I, pt. 1, General: Economic and Political Matters", shape: "eight editors: et al."),
        Shape(source: "series:frus1952-54v12p2", volume: "Foreign Relations of the United States, 1952–1954, vol. XII, pt. 2, East Asia and the Pacific (in two parts), eds. Carl N. Raether and Harriet D. Schwar (Washington: United States Government Printing Office, 1987)",
              short: "FRUS, 1952–1954, vol. XII, pt. 2, East Asia and the Pacific (in two parts)", shape: "multi-part title"),
        Shape(source: "series:frus1955-57v01", volume: "Foreign Relations of the United States, 1955–1957, vol. I, Vietnam, eds. Edward C. Keefer and David W. Mabon (Washington: United States Government Printing Office, 1985)",
              short: "FRUS, 1955–1957, vol. I, Vietnam", shape: "numbered volume"),
        Shape(source: "series:frus1955-57v04", volume: "Foreign Relations of the United States, 1955–1957, vol. IV, Western European Security and Integration, ed. William Z. Slany (Washington: United States Government Printing Office, 1988)",
              short: "FRUS, 1955–1957, vol. IV, Western European Security and Integration", shape: "header names Slany primary, three general"),
        Shape(source: "series:frus1958-60v07p1", volume: "Foreign Relations of the United States, 1958–1960, vol. VII, pt. 1, Western European Integration and Security, Canada, eds. Ronald D. Landa et al. (Washington: United States Government Printing Office, 1993)",
              short: "FRUS, 1958–1960, vol. VII, pt. 1, Western European Integration and Security, Canada", shape: "four editors"),
        Shape(source: "series:frus1961-63v03", volume: "Foreign Relations of the United States, 1961–1963, vol. III, Vietnam, January–August 1963, eds. Edward C. Keefer and Louis J. Smith (Washington: United States Government Printing Office, 1991)",
              short: "FRUS, 1961–1963, vol. III, Vietnam, January–August 1963", shape: "numbered volume"),
        Shape(source: "series:frus1964-68v02", volume: "Foreign Relations of the United States, 1964–1968, vol. II, Vietnam, January–June 1965, eds. David C. Humphrey, Ronald D. Landa, and Louis J. Smith (Washington: United States Government Printing Office, 1996)",
              short: "FRUS, 1964–1968, vol. II, Vietnam, January–June 1965", shape: "numbered volume"),
        Shape(source: "series:frus1964-68v29p1", volume: "Foreign Relations of the United States, 1964–1968, vol. XXIX, pt. 1, Korea, ed. Karen L. Gatz (Washington: United States Government Printing Office, 2000)",
              short: "FRUS, 1964–1968, vol. XXIX, pt. 1, Korea", shape: "part"),
        Shape(source: "series:frus1969-76v12", volume: "Foreign Relations of the United States, 1969–1976, vol. XII, Soviet Union, January 1969–October 1970, ed. Erin R. Mahan (Washington: United States Government Printing Office, 2006)",
              short: "FRUS, 1969–1976, vol. XII, Soviet Union, January 1969–October 1970", shape: "numbered volume"),
        Shape(source: "series:frus1969-76ve04", volume: "Foreign Relations of the United States, 1969–1976, vol. E–4, Documents on Iran and Iraq, 1969–1972, ed. Monica Belmonte (Washington: United States Government Printing Office, 2006)",
              short: "FRUS, 1969–1976, vol. E–4, Documents on Iran and Iraq, 1969–1972", shape: "electronic-only volume"),
        Shape(source: "series:frus1969-76ve05p2", volume: "Foreign Relations of the United States, 1969–1976, vol. E–5, pt. 2, Documents on North Africa, 1969–1972, ed. Monica L. Belmonte (Washington: United States Government Printing Office, 2007)",
              short: "FRUS, 1969–1976, vol. E–5, pt. 2, Documents on North Africa, 1969–1972", shape: "'Part 2' encoded in the volume title, moved to the number"),
        Shape(source: "series:frus1969-76ve14p1", volume: "Foreign Relations of the United States, 1969–1976, vol. E–14, pt. 1, Documents on the United Nations, 1973–1976, ed. William B. McAllister (Washington: Office of the Historian, Bureau of Public Affairs, U.S. Department of State, 2008)",
              short: "FRUS, 1969–1976, vol. E–14, pt. 1, Documents on the United Nations, 1973–1976", shape: "publisher with lb"),
        Shape(source: "series:frus1977-80v21", volume: "Foreign Relations of the United States, 1977–1980, vol. XXI, Cyprus; Turkey; Greece, ed. David Zierler (Washington: United States Government Printing Office, 2014)",
              short: "FRUS, 1977–1980, vol. XXI, Cyprus; Turkey; Greece", shape: "numbered volume"),
        Shape(source: "frus/whole/frus1917-72PubDip.xml", volume: "Foreign Relations of the United States, 1917–1972, Public Diplomacy, World War I, ed. Aaron W. Marrs (Washington: United States Government Printing Office, 2014)",
              short: "FRUS, 1917–1972, Public Diplomacy, World War I", shape: "public diplomacy, empty volumenumber"),
        Shape(source: "frus/modern/frus1917-72PubDipv06_d4.xml", volume: "Foreign Relations of the United States, 1917–1972, vol. VI, Public Diplomacy, 1961–1963, eds. Kristin L. Ahlberg and Charles V. Hawley (Washington: United States Government Publishing Office, 2017)",
              short: "FRUS, 1917–1972, vol. VI, Public Diplomacy, 1961–1963", shape: "current markup: sub-series, volume-number, typed date"),
        Shape(source: "edge/frus1961-63v07-09mSupp.xml", volume: "Foreign Relations of the United States, 1961–1963, vols. VII/VIII/IX, Microfiche Supplement, Arms Control; National Security; Foreign Economic Policy, eds. Evans Gerakas et al. (Washington: United States Government Printing Office, 1997)",
              short: "FRUS, 1961–1963, vols. VII/VIII/IX, Microfiche Supplement, Arms Control; National Security; Foreign Economic Policy", shape: "microfiche supplement"),
        Shape(source: "edge/frus1969-76ve09p1.xml", volume: "Foreign Relations of the United States, 1969-1976, vol. E-9, pt. 1, Documents on North Africa, 1973–1976, ed. Myra F. Burton (Washington: United States Government Printing Office, 2014)",
              short: "FRUS, 1969-1976, vol. E-9, pt. 1, Documents on North Africa, 1973–1976", shape: "BOM + CRLF; hyphens as the header writes them")
    ]

    /// The file for `source`: a corpus path, or `series:NAME` decompressed into a temporary folder.
    static func file(_ source: String, into tmp: URL) throws -> URL? {
        guard source.hasPrefix("series:") else { return TestSupport.corpus.appendingPathComponent(source) }
        let name = String(source.dropFirst(7))
        let xz = ["/usr/bin/xz", "/bin/xz"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let packed = TestSupport.corpus.appendingPathComponent("frus/series/\(name).xml.xz")
        guard let xz, FileManager.default.fileExists(atPath: packed.path) else { return nil }
        let target = tmp.appendingPathComponent(name + ".xml")
        _ = FileManager.default.createFile(atPath: target.path, contents: nil)
        let handle = try FileHandle(forWritingTo: target)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: xz)
        p.arguments = ["-dc", packed.path]
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        return p.terminationStatus == 0 ? target : nil
    }

    @Test(arguments: shapes)
    func noteAndShortFormFollowTheTitlePage(_ shape: Shape) throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        guard let url = try Self.file(shape.source, into: tmp) else {
            print("citation shapes: \(shape.source) skipped (no xz or no series folder)")
            return
        }
        var first: ParsedDocument?
        _ = try ArchiveReader().read(file: url) { d in if first == nil, d.edition.documentNumber != nil { first = d } }
        let parsed = try #require(first)
        let doc = DocumentRecord(parsed, identity: "frus:x", version: 1, batchId: 1, sourcePath: url.path,
                                 sourceSha256: "", contentHash: "")
        let c = Citation(document: doc)
        let n = try #require(doc.docNumber)
        #expect(c.frusShort == shape.short + ", Document \(n)")
        #expect(c.chicago.contains("in " + shape.volume + ", Document \(n)"))
        #expect(c.chicago.hasSuffix("historicaldocuments/\(doc.volumeId!)/\(doc.docKey)."))
        #expect(!c.chicago.contains(", ,") && !c.frusShort!.contains(", ,"))
    }
}
