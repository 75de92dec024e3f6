import Foundation
import Testing
@testable import ProjectStore

/// Search as a historian types it, on the FRUS excerpts of the shared corpus.
@Suite("Search that forgives", .enabled(if: TestSupport.corpusExists))
struct ForgivingSearchTests {
    static func project() throws -> (ProjectDatabase, URL) {
        let (db, dir) = try TestSupport.temporaryProject()
        let importer = ArchiveImporter(database: db)
        let folder = TestSupport.corpus.appendingPathComponent("frus")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".xml") {
            _ = importer.importFile(folder.appendingPathComponent(name))
        }
        return (db, dir)
    }

    @Test func punctuationInsideWordsAndPhrasesWorkAsMeant() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = PassageSearch(database: db)
        // "U.S. payments" (the excerpts on third-country troops); FTS5 itself fails on the period.
        let us = try search.search("U.S. payments")
        #expect(!us.isEmpty)
        #expect(us.allSatisfy { $0.snippet.contains("**U.S**") })
        #expect(!(try search.search("U.S.-ROK")).isEmpty)
        // frus1964-68v29p1 d37: "ROK–Japan"; FTS5 reads "-Japan" as a column ("no such column: Japan").
        let rokJapan = try search.search("ROK-Japan")
        #expect(rokJapan.contains { $0.volumeId == "frus1964-68v29p1" && $0.docNumber == "37" })
        // frus1964-68v02 d259: "…the third country contingents."
        let phrase = try search.search("\"third country\" contingents")
        #expect(phrase.contains { $0.volumeId == "frus1964-68v02" && $0.docNumber == "259" })
        #expect(phrase.count <= (try search.search("third country")).count)
        // FTS5 mode passes syntax through.
        let either = try search.search("contingents OR payments", mode: .fts, limit: 500)
        let both = try search.search("contingents payments", limit: 500)
        #expect(either.count > both.count)
        #expect(either.count >= (try search.search("contingents", limit: 500)).count)
    }

    @Test func syntaxErrorsNamePositionsNotSQL() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = PassageSearch(database: db)
        func message(_ text: String, _ mode: SearchQuery.Mode) -> String {
            do { _ = try search.search(text, mode: mode); return "" } catch { return "\(error.localizedDescription)" }
        }
        let star = message("*", .plain)
        #expect(star.contains("no letters or digits"))
        let ftsStar = message("*", .fts)
        #expect(ftsStar.contains("character 1"))
        let column = message("ROK-Japan", .fts)
        #expect(column.contains("character 5"))
        let dangling = message("troops AND", .fts)
        #expect(dangling.contains("end of the query"))
        let open = message("\"third country", .plain)
        #expect(open.contains("character 1"))
        for m in [star, ftsStar, column, dangling, open] {
            #expect(!m.isEmpty)
            #expect(!m.contains("SELECT") && !m.contains("passage_fts") && !m.contains("SQLite"))
        }
    }

    @Test func highlightsNeverUseSquareBrackets() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        // frus1951v07p2 d28: "[Here follows discussion of unrelated matters.]", an editorial insertion.
        let hits = try PassageSearch(database: db).search("unrelated matters")
        let hit = try #require(hits.first { $0.snippet.contains("[Here follows") })
        #expect(hit.snippet.contains("**unrelated** **matters**"))
        let custom = try PassageSearch(database: db).search("unrelated matters", open: "<b>", close: "</b>")
        #expect(custom.allSatisfy { $0.snippet.contains("<b>unrelated</b>") })
    }

    @Test func datesAreValidated() throws {
        for bad in ["1965-13", "1965-02-30", "1965-00", "1965-04-31", "1900-02-29", "June 1965"] {
            #expect(throws: StoreError.self, "\(bad)") { try DocumentFilter(dateFrom: bad).validate() }
        }
        for good in ["1965", "1965-12", "1964-02-29", "2000-02-29", "1965-04-30"] {
            #expect(throws: Never.self, "\(good)") { try DocumentFilter(dateTo: good).validate() }
        }
        #expect(throws: StoreError.self) { try DocumentFilter(dateFrom: "1966", dateTo: "1965-06").validate() }
        #expect(throws: Never.self) { try DocumentFilter(dateFrom: "1965-06", dateTo: "1965").validate() }
    }
}
