import Foundation
import GRDB
import Testing
@testable import ProjectStore
@testable import Reports

/// A report's excerpts quote only the spans of the coders behind each evidence item: in an open
/// blind round, what coder A gets never quotes the text coder B marked, nor B's note.
@Suite struct ReportBlindnessTests {
    static let markerB = "QUOTEB91C2"
    static let noteB = "NOTEB91C2"
    static let sentenceA = "Egypt asks that its military debt be forgiven before it sends troops."

    /// A one-passage project: ana and bzq both tag PAY.debt_relief in it, each with a span of a
    /// different sentence (B's holds the marker), and both finish the unit; the round is open.
    static func project() throws -> (ProjectDatabase, URL, Int64) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try ProjectDatabase.open(path: dir.appendingPathComponent("p.sqlite").path, create: true)
        let text = "\(sentenceA) The envoy added that \(markerB) ships would sail within the week.\n"
        let file = dir.appendingPathComponent("blind-quote.txt")
        try Data(text.utf8).write(to: file)
        #expect(ArchiveImporter(database: db).importFile(file).status == .imported)
        let root = SampleRoundEndToEndTests.repoRoot
        let codebook = try CodebookStore(database: db).load(file: root.appendingPathComponent("Codebooks/buying-allies.yaml")).version
        try RegisterStore(database: db).load(file: root.appendingPathComponent("Imports/register/buying-allies.yaml"))
        let store = CodingStore(database: db)
        try store.addCoder(handle: "kim", name: "Kim", role: .lead)
        try store.addCoder(handle: "ana", name: "Ana", role: .coder, by: Viewer("kim"))
        try store.addCoder(handle: "bzq", name: "B", role: .coder, by: Viewer("kim"))
        _ = try store.createRound(name: "rel-1", purpose: .reliability, codebook: codebook, by: Viewer("kim"))
        let (passage, passageText) = try db.writer.read { db -> (Int64, String) in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT id, text FROM passage WHERE text LIKE '%' || ? || '%'", arguments: [markerB]))
            return (row["id"], row["text"])
        }
        let unit = CodingUnit(passageId: passage, caseId: "GULF-1990/EGY")
        _ = try AssignmentStore(database: db).assign(round: "rel-1", coders: ["ana", "bzq"], units: [unit], method: "test",
                                                     by: Viewer("kim"))
        let scalars = Array(passageText.unicodeScalars)
        func range(of s: String) throws -> Range<Int> {
            let r = try #require(passageText.range(of: s))
            let start = passageText.unicodeScalars.distance(from: passageText.unicodeScalars.startIndex, to: r.lowerBound)
            return start..<(start + s.unicodeScalars.count)
        }
        #expect(scalars.count > 0)
        let b = "The envoy added that \(markerB) ships would sail within the week."
        _ = try store.add(.init(coder: "ana", round: "rel-1", unit: unit, criterion: "PAY.debt_relief", span: try range(of: sentenceA),
                                note: "ana's reading"))
        _ = try store.add(.init(coder: "bzq", round: "rel-1", unit: unit, criterion: "PAY.debt_relief", span: try range(of: b),
                                note: "\(noteB) bzq's reading"))
        _ = try store.markDone(coder: "ana", round: "rel-1", unit: unit)
        _ = try store.markDone(coder: "bzq", round: "rel-1", unit: unit)
        return (db, dir, passage)
    }

    static func appendix(_ db: ProjectDatabase, as viewer: Viewer) throws -> ([EvidenceItem], String) {
        let data = try RoundData.load(db, round: "rel-1", as: viewer, need: .visible)
        let reports = try ProjectReportBuilder(database: db).caseReports(try data.classifications(), codebook: data.codebook.definition)
        return (reports.flatMap(\.evidence), EvidenceAppendix.markdown(reports))
    }

    @Test func coderAsReportInAnOpenRoundQuotesOnlyTheirOwnSpan() throws {
        let (db, dir, _) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (items, markdown) = try Self.appendix(db, as: Viewer("ana"))
        let item = try #require(items.first { $0.criterion == "PAY.debt_relief" }, "ana's own tag is evidence in her view")
        #expect(item.excerpt == "“\(Self.sentenceA)”", "\(item.excerpt)")
        for text in items.map(\.excerpt) + [markdown] {
            #expect(!text.contains(Self.markerB), "B's span reached A: \(text)")
            #expect(!text.contains(Self.noteB), "B's note reached A: \(text)")
            #expect(!text.contains("bzq"))
        }
        // The check would see it: once a lead closes the round, the item stands on both coders'
        // tags and quotes both spans.
        _ = try RoundStore(database: db).closeRound("rel-1", by: "kim")
        let (closed, _) = try Self.appendix(db, as: Viewer("ana"))
        let both = try #require(closed.first { $0.criterion == "PAY.debt_relief" })
        #expect(both.excerpt.contains(Self.markerB) && both.excerpt.contains(Self.sentenceA), "\(both.excerpt)")
    }
}
