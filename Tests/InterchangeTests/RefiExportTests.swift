import Codebook
import Foundation
import Testing
@testable import Interchange
import ProjectStore

/// The sample project's closed reliability round exported as REFI-QDA.
@Suite struct RefiExportTests {
    static func sample() throws -> SampleProject {
        let project = try SampleProject(root: SchemaValidation.repoRoot)
        try project.build()
        return project
    }

    @Test func projectAndCodebookValidateAgainstTheREFISchemas() throws {
        guard SchemaValidation.refiExists else {
            print("skipped: no REFI-QDA schemas at \(SchemaValidation.refi.path)")
            return
        }
        let project = try Self.sample()
        let work = try RoundWork.load(project.database, round: SampleProject.round, as: .anonymous)
        let export = RefiProjectExport(work)
        let problems = SchemaValidation.validate(export.qde, schema: SchemaValidation.refi.appendingPathComponent("Project.xsd"))
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        let qdc = RefiCodebook(work.codebook.definition).qdc()
        let qdcProblems = SchemaValidation.validate(qdc, schema: SchemaValidation.refi.appendingPathComponent("Codebook.xsd"))
        #expect(qdcProblems.isEmpty, "\(qdcProblems.prefix(10))")
        // The validator is not vacuous: a selection without its required end is refused.
        let broken = export.qde.replacingOccurrences(of: " endPosition=", with: " endPos=")
        #expect(!SchemaValidation.validate(broken, schema: SchemaValidation.refi.appendingPathComponent("Project.xsd")).isEmpty)
    }

    @Test func everyCodingIsASelectionAtCodePointPositionsWithItsCoderAndNote() throws {
        let project = try Self.sample()
        let work = try RoundWork.load(project.database, round: SampleProject.round, as: .anonymous)
        #expect(work.codings.count > 20)
        let export = RefiProjectExport(work)
        #expect(export.codingCount == work.codings.count)
        #expect(export.qde.components(separatedBy: "<Coding ").count - 1 == work.codings.count)
        #expect(export.qde.contains("<User guid=\"\(RefiProjectExport.userGUID("ana"))\" name=\"Ana (sample coder)\" id=\"ana\"/>"))
        // Each coding's quote is the source text between its selection's positions.
        let sources = Dictionary(uniqueKeysWithValues: export.sources.map { ($0.name, Array($0.text.unicodeScalars)) })
        var checked = 0
        for c in work.codings where c.quote != nil {
            let guid = StableGUID.make(StableGUID.codingName(c, roundKey: "\(work.codebook.codebookId)|\(work.round.name)") + "|selection")
            let pattern = #"<PlainTextSelection guid="\#(guid)" name="[^"]*" startPosition="(\d+)" endPosition="(\d+)""#
            let match = try #require(export.qde.firstMatch(of: try Regex(pattern)))
            let start = Int(match.output[1].substring!)!, end = Int(match.output[2].substring!)!
            let sourceLine = try #require(export.qde.range(of: "<PlainTextSelection guid=\"\(guid)\"")).lowerBound
            let before = export.qde[..<sourceLine]
            let sourceGUID = try #require(before.matches(of: try Regex(#"plainTextPath="internal://([0-9a-f-]+\.txt)""#)).last?.output[1].substring)
            let scalars = try #require(sources[String(sourceGUID)])
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            #expect(String(view) == c.quote, "coding \(c.id!)")
            checked += 1
        }
        #expect(checked > 10)
        for c in work.codings where c.note != nil {
            #expect(export.qde.contains(XMLText.escape(c.note!, attribute: false)))
        }
    }

    @Test func reExportIsByteStable() throws {
        let project = try Self.sample()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("refi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.qdpx"), b = dir.appendingPathComponent("b.qdpx")
        try QDPXArchive.write(RefiProjectExport(try RoundWork.load(project.database, round: SampleProject.round, as: .anonymous)), to: a)
        try QDPXArchive.write(RefiProjectExport(try RoundWork.load(project.database, round: SampleProject.round, as: .anonymous)), to: b)
        let bytes = try Data(contentsOf: a)
        #expect(bytes == (try Data(contentsOf: b)))
        let files = try QDPXArchive.read(a)
        #expect(files["project.qde"].map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("<?xml") == true)
        #expect(files.keys.filter { $0.hasPrefix("sources/") }.count == RefiProjectExport(try RoundWork.load(project.database, round: SampleProject.round)).documentCount)
    }

    @Test func anOpenBlindRoundGivesACoderOnlyTheirOwnWork() throws {
        let project = try Self.sample()
        let store = CodingStore(database: project.database)
        try store.addCoder(handle: "kim", name: "Kim", role: .lead)
        _ = try RoundStore(database: project.database).reopenRound(SampleProject.round, by: "kim", reason: "test")
        #expect(throws: (any Error).self) { try RoundWork.load(project.database, round: SampleProject.round, as: .anonymous) }
        let work = try RoundWork.load(project.database, round: SampleProject.round, as: Viewer("ana"))
        #expect(work.onlyCoder == "ana")
        #expect(Set(work.codings.map(\.coder)) == ["ana"])
        #expect(work.coders.map(\.handle) == ["ana"])
        let qde = RefiProjectExport(work).qde
        #expect(!qde.contains("\"ben\"") && !qde.contains(RefiProjectExport.userGUID("ben")))
    }
}
