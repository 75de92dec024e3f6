import Foundation
import GRDB
import Testing
@testable import ProjectStore
@testable import TerminalUI

/// A project holding a real FRUS volume, with the document that has the most editors' footnotes
/// (a long letter with 15 of them) assigned to two coders in a blind round.
enum FRUSFixture {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` beside the repository, or two levels up for a git worktree in a sibling folder.
    static let volume = [repoRoot.deletingLastPathComponent(), repoRoot.deletingLastPathComponent().deletingLastPathComponent()]
        .map { $0.appendingPathComponent("shared/corpus/frus/whole/frus1917-72PubDip.xml") }
        .first { FileManager.default.fileExists(atPath: $0.path) }
        ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/frus/whole/frus1917-72PubDip.xml")
    static var available: Bool { FileManager.default.fileExists(atPath: volume.path) }

    static func project() throws -> (CodingStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try ProjectDatabase.open(path: dir.appendingPathComponent("p.sqlite").path, create: true)
        let result = ArchiveImporter(database: db).importFile(volume)
        guard result.status == .imported else { throw CodingError.invalid(result.error ?? "import failed") }
        let codebook = try CodebookStore(database: db).load(file: repoRoot.appendingPathComponent("Codebooks/buying-allies.yaml")).version
        try RegisterStore(database: db).load(file: repoRoot.appendingPathComponent("Imports/register/buying-allies.yaml"))
        let store = CodingStore(database: db)
        try store.addCoder(handle: "ana", name: "Ana", role: .coder)
        try store.addCoder(handle: "ben", name: "Ben", role: .coder)
        _ = try store.createRound(name: "rel-1", purpose: .reliability, codebook: codebook)
        let documentId = try db.writer.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT document_id FROM passage WHERE kind = 'footnote' GROUP BY document_id ORDER BY COUNT(*) DESC LIMIT 1
                """)!
        }
        // Editorial material is left out of assign by default (issue 14); this screen test needs the footnotes as units.
        let (units, method) = try UnitSelector(database: db).candidates(caseId: "KOREA-1950/COL", query: nil, documentIds: [documentId],
                                                                        scope: .init(includeEditorial: true))
        try store.assign(round: "rel-1", coders: ["ana", "ben"], units: units, method: method)
        return (store, dir)
    }
}

@Suite(.serialized, .enabled(if: FRUSFixture.available, "../shared/corpus/frus/whole is absent"))
struct CodingScreenTests {
    static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 100, rows: 30), TerminalSize(columns: 160, rows: 48)]

    func screen() throws -> (CodingScreen, URL) {
        let (store, dir) = try FRUSFixture.project()
        return (CodingScreen(model: try SessionModel(store: store, coder: "ana", round: "rel-1")), dir)
    }

    func type(_ screen: CodingScreen, _ text: String) throws {
        for c in text { _ = try screen.handle(c == "\n" ? .enter : .character(c)) }
    }

    /// The passage pane's text lines (the current passage has a ▌ gutter).
    func passageLines(_ frame: CodingScreenRenderer.Frame) -> [String] {
        frame.plain.filter { $0.hasPrefix("▌ ") }.map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
    }

    @Test(arguments: sizes) func everyUnitFillsTheTerminalExactlyWithHeaderPassageAndAllCriteria(size: TerminalSize) throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let total = screen.model.queue.count
        #expect(total > 30)
        for position in 1...12 {
            let frame = try screen.frame(size: size)
            let view = try #require(try screen.model.view())
            #expect(frame.lines.count == size.rows)
            #expect(frame.lines.allSatisfy { $0.width == size.columns }, "\(frame.plain)")
            let text = frame.plain.joined(separator: "\n")
            #expect(frame.plain[0].contains("unit \(position) of \(total)"))
            #expect(frame.plain[0].contains("KOREA-1950/COL"))
            #expect(frame.plain[1].hasPrefix(String(view.document.title!.prefix(20))))
            #expect(text.contains("1918-02"))
            #expect(text.contains("FRUS, ") && text.contains("Document 17"))
            if let page = view.passage.page { #expect(text.contains("p. \(page)")) }
            // Every criterion a case can be coded for is on screen, grouped, without scrolling (pivotal-state
            // criteria are coded for actors in operations, not cases), and the passage keeps most rows.
            #expect(!text.contains("[ ] scroll"), "\(text)")
            for n in 1...screen.model.criteria.count { #expect(frame.plain.contains { $0.range(of: #"(^|\s)\#(n)[ ✓◆]"#, options: .regularExpression) != nil }, "criterion \(n)") }
            for key in ["WIR ", "CRC ", "OPP ", "PAY "] { #expect(frame.plain.contains { $0.hasPrefix(key) }) }
            #expect(!frame.plain.contains { $0.hasPrefix("PIV ") })
            let passageRows = frame.plain.firstIndex { $0.hasPrefix("── criteria") }! - (frame.plain.firstIndex { $0.hasPrefix("▌") || $0.hasPrefix("  ") } ?? 0)
            #expect(passageRows >= size.rows / 3, "only \(passageRows) rows for the passage at \(size)")
            #expect(frame.plain.last!.contains("finish") && frame.plain.last!.contains("quit"))
            _ = try screen.handle(.character("n"))
        }
    }

    @Test(arguments: sizes) func thePassageWrapsOnWordBoundaries(size: TerminalSize) throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The longest body passage of the letter, read from its start to its end by scrolling.
        let model = screen.model
        var longest = (0, 0)
        for (i, entry) in model.queue.enumerated() {
            let length = try model.store.database.writer.read { db in try PassageRecord.fetchOne(db, key: entry.unit.passageId)!.text.count }
            if length > longest.1 { longest = (i, length) }
        }
        try model.go(to: longest.0 + 1)
        let view = try #require(try model.view())
        #expect(view.passage.text.count > 400)
        var seen: [String] = []
        for _ in 0..<40 {
            let frame = try screen.frame(size: size)
            for line in passageLines(frame) where !seen.contains(line) { seen.append(line) }
            _ = try screen.handle(.down)
        }
        let words = Set(([view.passage.text] + view.footnotes.map(\.text) + view.unitNotes.map(\.note))
            .flatMap { $0.split(separator: " ").map(String.init) })
        for line in seen where !line.hasPrefix("[") && !line.hasPrefix("note on") {
            for token in line.split(separator: " ") {
                #expect(words.contains(String(token)), "'\(token)' is not a whole word of the passage (at \(size))")
            }
        }
        // Every word of the passage was shown, in order.
        let shown = seen.filter { !$0.hasPrefix("[") }.joined(separator: " ")
        #expect(shown.contains(view.passage.text.split(separator: " ").suffix(5).joined(separator: " ")))
    }

    @Test func editorialMaterialIsLabelledAndStyledApart() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = screen.model
        // A unit that is itself an editors' footnote says so above its text, in reverse yellow.
        let footnote = try #require(model.queue.firstIndex { entry in
            (try? model.store.database.writer.read { db in try PassageRecord.fetchOne(db, key: entry.unit.passageId)?.kind }) == "footnote"
        })
        try model.go(to: footnote + 1)
        var frame = try screen.frame(size: .init(columns: 80, rows: 24))
        let label = try #require(frame.lines.first { $0.plain.contains("EDITORS' FOOTNOTE") })
        #expect(label.plain.contains("not archival text"))
        #expect(label.runs.contains { $0.style.reverse && $0.style.foreground == .yellow })
        #expect(frame.lines.filter { $0.plain.hasPrefix("▌ ") }.dropFirst().allSatisfy { $0.runs.dropFirst().allSatisfy { $0.style.italic || $0.text.allSatisfy(\.isWhitespace) } })
        // A body passage with footnotes shows them under it, labelled with their number.
        let annotated = try #require(model.queue.firstIndex { entry in
            (try? model.store.database.writer.read { db in
                try PassageRecord.filter(Column("annotates_id") == entry.unit.passageId).fetchCount(db) }) ?? 0 > 0
        })
        try model.go(to: annotated + 1)
        frame = try screen.frame(size: .init(columns: 160, rows: 48))
        #expect(frame.plain.contains { $0.contains("[editors' footnote") && $0.contains("not archival text]") })
        // Neighbouring passages are dimmed.
        #expect(frame.lines.contains { $0.plain.hasPrefix("  ") && $0.runs.contains { $0.style.dim && $0.text.count > 20 } })
    }

    @Test func pagingScrollsThePassageAndKeepsTheCriteria() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        try screen.model.go(to: 10)
        let size = TerminalSize(columns: 80, rows: 24)
        let before = try screen.frame(size: size)
        let criteriaStart = before.plain.firstIndex { $0.hasPrefix("── criteria") }!
        _ = try screen.handle(.pageDown)
        let after = try screen.frame(size: size)
        #expect(after.plain[3..<criteriaStart] != before.plain[3..<criteriaStart])
        #expect(Array(after.plain[(criteriaStart + 1)...].dropLast(2)) == Array(before.plain[(criteriaStart + 1)...].dropLast(2)))
        _ = try screen.handle(.pageUp)
        #expect(try screen.frame(size: size).plain == before.plain)
        // Far beyond the end or the start, the pane stops at the edge.
        for _ in 0..<50 { _ = try screen.handle(.pageUp) }
        let top = try screen.frame(size: size)
        #expect(top.passageScroll.contains(screen.passageScroll))
    }

    @Test func tagsSpansAndTheSelectionAreShownAndOnlyTheCodersOwn() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = screen.model
        let view = try #require(try model.view())
        // Ben's tag on the same unit never shows on Ana's screen.
        try model.store.add(.init(coder: "ben", round: "rel-1", unit: view.unit, criterion: model.criteria[4].id))
        let words = view.passage.text.split(separator: " ").prefix(3).joined(separator: " ")
        try type(screen, "/\(words)\n")
        var frame = try screen.frame(size: .init(columns: 100, rows: 30))
        #expect(frame.lines.contains { $0.runs.contains { $0.style.reverse && $0.style.foreground == .yellow && words.hasPrefix($0.text.trimmingCharacters(in: .whitespaces)) } })
        try type(screen, "6")
        frame = try screen.frame(size: .init(columns: 100, rows: 30))
        #expect(frame.plain.contains { $0.contains(" 6◆") })
        #expect(frame.lines.contains { $0.runs.contains { $0.style.underline && $0.style.foreground == .green } })
        #expect(!frame.plain.contains { $0.contains(" 5✓") || $0.contains(" 5◆") })
        try type(screen, "2")        // 2 could be 2x: waits
        #expect(try model.myCodings().count == 1)
        #expect(try screen.frame(size: .init(columns: 100, rows: 30)).plain.contains { $0.contains("criterion 2") })
        try type(screen, "4")        // 24
        #expect(try screen.frame(size: .init(columns: 100, rows: 30)).plain.contains { $0.contains("24✓") })
        try type(screen, "24")       // again: untag
        #expect(try model.myCodings().map(\.criterionId) == [model.criteria[5].id])
    }

    @Test(arguments: sizes) func contradictingEvidenceIsMarkedNamedAndTurnedRound(size: TerminalSize) throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = screen.model
        try type(screen, "-")
        #expect(try screen.frame(size: size).plain.contains { $0.contains("against: criterion") })
        try type(screen, "7")
        #expect(try model.myCodings().map(\.direction) == [.contradicts])
        var frame = try screen.frame(size: size)
        // The checklist marks it ✗ in red, the legend says what ✗ means, and the passage pane names it.
        #expect(frame.plain.contains { $0.contains(" 7✗") })
        #expect(frame.lines.contains { $0.runs.contains { $0.text.contains("✗") && $0.style.foreground == .red } })
        #expect(frame.plain.contains { $0.contains("✗ contradicts") })
        #expect(frame.plain.contains { $0.contains("\(model.criteria[6].id): CONTRADICTS") })
        #expect(frame.plain.allSatisfy { DisplayWidth.of($0) == size.columns })
        // 7 turns it round to supporting evidence; 7 again untags; undo walks back through both.
        try type(screen, "7")
        #expect(try model.myCodings().map(\.direction) == [.supports])
        frame = try screen.frame(size: size)
        #expect(frame.plain.contains { $0.contains(" 7✓") } && !frame.plain.contains { $0.contains("CONTRADICTS") })
        try type(screen, "7")
        #expect(try model.myCodings().isEmpty)
        try type(screen, "uu")
        #expect(try model.myCodings().map(\.direction) == [.contradicts])
        // `-` twice cancels; the next number then supports.
        try type(screen, "--8")
        #expect(try model.myCodings().first { $0.criterionId == model.criteria[7].id }?.direction == .supports)
    }

    @Test func zeroAsksUndoWalksBackAndHelpOpens() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = screen.model
        try type(screen, "7")
        try type(screen, "0")
        let size = TerminalSize(columns: 80, rows: 24)
        #expect(try screen.frame(size: size).plain.contains { $0.contains("clear it and record that none applies? y/n") })
        try type(screen, "n")
        #expect(try model.myCodings().count == 1 && model.index == 0)
        try type(screen, "0y")
        #expect(model.index == 1 && model.doneCount == 1)
        try type(screen, "u")
        #expect(model.index == 0 && model.doneCount == 0)
        #expect(try model.myCodings().count == 1)
        try type(screen, "?\n")
        #expect(try screen.frame(size: size).plain.contains { $0.contains("undo the last action") })
        _ = try screen.handle(.escape)
        try type(screen, "?6\n")
        let definition = try screen.frame(size: size).plain.joined(separator: "\n")
        #expect(definition.contains(model.criteria[5].id) && definition.contains("Include:"))
        _ = try screen.handle(.escape)
        try type(screen, "mworth a second look\n\n")
        #expect(try model.store.unitNotes(round: "rel-1", coder: "ana", unit: model.queue[0].unit).map(\.note) == ["worth a second look"])
        try type(screen, "f")
        #expect(try screen.frame(size: size).plain.contains { $0.contains("Finished units (1 of") })
    }

    @Test func wideCharactersAndCombiningAccentsKeepEveryLineToTheTerminalsWidth() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        var state = try screen.state()
        let text = "Ambassador Kim Hyun-chul (金顯哲) told the Secretary in Seoul (서울) that the cafe\u{301} owners’ naı\u{308}ve hopes "
            + String(repeating: "for 韓國軍 派兵 support and reimbursement ", count: 8) + "were not the issue."
        state.view?.passage.text = text
        state.view?.passage.kind = "body"
        state.view?.codings = []
        for size in Self.sizes {
            let frame = CodingScreenRenderer.render(state, size: size)
            #expect(frame.lines.allSatisfy { $0.width == size.columns }, "\(size)")
            let lines = passageLines(frame)
            #expect(lines.contains { $0.contains("(金顯哲)") } && lines.contains { $0.contains("cafe\u{301}") })
            let words = Set(text.split(separator: " ").map(String.init))
            for line in lines { for token in line.split(separator: " ") { #expect(words.contains(String(token)), "\(token)") } }
        }
    }

    @Test func criteriaBecomeAScrollablePaneWhenTheyCannotFit() throws {
        let (screen, dir) = try screen()
        defer { try? FileManager.default.removeItem(at: dir) }
        let size = TerminalSize(columns: 60, rows: 18)
        let frame = try screen.frame(size: size)
        #expect(frame.lines.count == 18 && frame.lines.allSatisfy { $0.width == 60 })
        #expect(frame.plain.contains { $0.contains("[ ] scroll") })
        #expect(frame.criteriaScroll.upperBound > 0)
        _ = try screen.handle(.character("]"))
        let scrolled = try screen.frame(size: size)
        #expect(scrolled.plain != frame.plain)
        #expect(passageLines(scrolled) == passageLines(frame))
    }
}
