import Codebook
import Foundation
import Testing
@testable import Interchange
import ProjectStore

/// The codebook import (`import refi FILE.qdc`): codes matched to the round's criteria, through a
/// mapping file where the ids differ, written back as a mapping file.
@Suite struct CodebookImportTests {
    @Test func dossiersOwnCodebookMapsEveryCriterionByGUID() throws {
        let db = try RefiImportTests.freshProject()
        let dir = try RefiImportTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = CodingStore(database: db)
        let codebook = try store.codebook(of: try store.round("ext")).definition
        let file = dir.appendingPathComponent("own.qdc")
        try Data(RefiCodebook(codebook).qdc().utf8).write(to: file)
        let (_, matches) = try RefiImport(database: db).codebookMatches(file, round: "ext", mapping: [:])
        let mapped = matches.filter { $0.criterion != nil }
        #expect(mapped.count == codebook.allCriteria.count)
        #expect(mapped.allSatisfy { $0.how == "Dossier GUID" })
        #expect(Set(mapped.compactMap(\.criterion)) == Set(codebook.allCriteria.map(\.id)))
        // Dimensions are folders, not codes to map.
        #expect(matches.filter { $0.criterion == nil }.allSatisfy { !$0.codable })
    }

    /// Another tool's codebook: ids differ, so a mapping file does the matching.
    static let foreign = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
          <Codes>
            <Code guid="7a1c0000-0000-4000-8000-000000000001" name="Motives" isCodable="false">
              <Code guid="7a1c0000-0000-4000-8000-000000000002" name="Debt, relief" isCodable="true"/>
              <Code guid="7a1c0000-0000-4000-8000-000000000003" name="Ties to the US" isCodable="true"/>
              <Code guid="7a1c0000-0000-4000-8000-000000000004" name="WIR.link" isCodable="true"/>
              <Code guid="7a1c0000-0000-4000-8000-000000000005" name="Morale" isCodable="true"/>
            </Code>
          </Codes>
        </CodeBook>
        """

    @Test func anotherToolsCodebookMapsThroughTheMappingFile() throws {
        let db = try RefiImportTests.freshProject()
        let dir = try RefiImportTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nvivo.qdc")
        try Data(Self.foreign.utf8).write(to: file)
        let mappingFile = dir.appendingPathComponent("codes.csv")
        try Data("code,criterion\n\"Debt, relief\",PAY.debt_relief\n7a1c0000-0000-4000-8000-000000000003,WIR.genuine_interest\n".utf8).write(to: mappingFile)
        let mapping = try RefiImport.mapping(mappingFile)
        let (codebook, matches) = try RefiImport(database: db).codebookMatches(file, round: "ext", mapping: mapping)
        #expect(codebook.hasPrefix("buying-allies "))
        let by = Dictionary(uniqueKeysWithValues: matches.map { ($0.code, $0) })
        #expect(by["Debt, relief"]?.criterion == "PAY.debt_relief" && by["Debt, relief"]?.how == "mapping file (name)")
        #expect(by["Ties to the US"]?.criterion == "WIR.genuine_interest" && by["Ties to the US"]?.how == "mapping file (GUID)")
        #expect(by["WIR.link"]?.criterion == "WIR.link" && by["WIR.link"]?.how == "criterion id in the name")
        #expect(by["Morale"]?.criterion == nil && by["Morale"]?.codable == true)
        #expect(by["Motives"]?.codable == false)

        // Printed as a mapping file that reads back to the same matches; the unmatched code is a line to fill in.
        let text = RefiImport.mappingFile(matches)
        #expect(text.contains("# no criterion yet: Morale,"))
        #expect(!text.contains("Motives"))
        let written = dir.appendingPathComponent("written.csv")
        try Data(text.utf8).write(to: written)
        let again = try RefiImport(database: db).codebookMatches(file, round: "ext", mapping: try RefiImport.mapping(written))
        #expect(again.matches.map(\.criterion) == matches.map(\.criterion))

        // A mapping to a criterion the codebook lacks, or for a code the file lacks, is refused with its line.
        for bad in [["Morale": "XYZ.morale"], ["Loyalty": "WIR.link"]] {
            #expect(throws: InterchangeError.self) { _ = try RefiImport(database: db).codebookMatches(file, round: "ext", mapping: bad) }
        }
        do { _ = try RefiImport(database: db).codebookMatches(file, round: "ext", mapping: ["Morale": "XYZ.morale"]) } catch {
            #expect(error.localizedDescription.contains("maps to XYZ.morale"))
        }
    }
}
