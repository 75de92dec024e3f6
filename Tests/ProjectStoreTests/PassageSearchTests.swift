import Foundation
import Testing
@testable import ProjectStore

@Suite struct PassageSearchTests {
    static func project() throws -> (ProjectDatabase, URL) {
        let (db, dir) = try TestSupport.temporaryProject()
        let importer = ArchiveImporter(database: db)
        for file in try ArchiveImporter.expand(paths: [TestSupport.samples.path]) {
            _ = importer.importFile(file)
        }
        return (db, dir)
    }

    @Test func ranksAndHighlights() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hits = try PassageSearch(database: db).search("debt", open: "<<", close: ">>")
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.snippet.lowercased().contains("<<debt") })
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.rank <= $1.rank })
    }

    @Test func diacriticsAreIgnored() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try PassageSearch(database: db).search("Gomez")
        #expect(!plain.isEmpty)
    }

    @Test func filtersByDateTypeAndClassification() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = PassageSearch(database: db)
        let all = try search.search("United States", limit: 500)
        let in1950 = try search.search("United States", filter: DocumentFilter(dateFrom: "1950", dateTo: "1950"), limit: 500)
        #expect(!in1950.isEmpty && in1950.count < all.count)
        #expect(in1950.allSatisfy { $0.dateMin?.hasPrefix("1950") == true })
        let telegrams = try search.search("United States", filter: DocumentFilter(docType: "telegram"), limit: 500)
        #expect(telegrams.allSatisfy { $0.docType == "telegram" })
        let secret = try search.search("United States", filter: DocumentFilter(classification: "Secret"), limit: 500)
        #expect(secret.allSatisfy { $0.classification == "Secret" })
    }

    @Test func aMalformedQueryIsAClearError() throws {
        let (db, dir) = try Self.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = PassageSearch(database: db)
        for query in ["\"unterminated", "", "*", "- ; ."] {
            #expect(throws: StoreError.self, "query \(query)") { try search.search(query) }
        }
        for query in ["\"unterminated", "AND OR", "troops NOT", "*"] {
            #expect(throws: StoreError.self, "query \(query)") { try search.search(query, mode: .fts) }
        }
        #expect(throws: StoreError.self) { try search.search("x", filter: DocumentFilter(dateFrom: "June 1965")) }
    }
}
