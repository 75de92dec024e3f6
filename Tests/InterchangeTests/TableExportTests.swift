import Codebook
import Foundation
import Testing
@testable import Interchange
import ProjectStore
import Reconciliation

@Suite struct TableExportTests {
    static func sample() throws -> SampleProject {
        let project = try SampleProject(root: SchemaValidation.repoRoot)
        try project.build()
        return project
    }

    @Test func caseTableCodesStatusesAsOneZeroNA() throws {
        let project = try Self.sample()
        let data = try RoundData.load(project.database, round: SampleProject.round)
        let classifications = try data.classifications()
        let table = CaseTable(classifications: classifications, codebook: data.codebook.definition,
                              register: try RegisterStore(database: project.database).register())
        let criteria = data.codebook.definition.allCriteria.map(\.id)
        let categories = data.codebook.definition.allCategories.map(\.id)
        #expect(table.columns.count == CaseTable.attributeColumns.count + criteria.count + categories.count)
        #expect(table.rows.count == classifications.count)
        for (k, row) in zip(classifications.sorted { $0.caseId < $1.caseId }, table.rows) {
            #expect(row[0] == k.caseId)
            for (i, id) in criteria.enumerated() {
                let expected: String? = switch k.status(of: id) { case .established: "1"; case .refuted: "0"; default: nil }
                #expect(row[CaseTable.attributeColumns.count + i] == expected, "\(k.caseId) \(id)")
            }
        }
        let csv = table.csv()
        let lines = csv.split(separator: "\n")
        #expect(lines.count == classifications.count + 1)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == table.columns.count })
        #expect(csv.contains(",NA") && csv.contains(",1") && csv.contains(",0"))
    }

    /// pandas reads the CSV and the JSON with the right shape and NA where the status is unknown.
    @Test func pandasReadsTheCaseTable() throws {
        // python3 as the shell finds it (a virtualenv's or pyenv's, where pandas is usually installed).
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else { print("skipped: no /usr/bin/env"); return }
        let python = "/usr/bin/env"
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["python3", "-c", "import pandas"]
        check.standardError = FileHandle.nullDevice
        try check.run(); check.waitUntilExit()
        guard check.terminationStatus == 0 else { print("skipped: python3 with pandas is not installed (pip install pandas)"); return }

        let project = try Self.sample()
        let data = try RoundData.load(project.database, round: SampleProject.round)
        let classifications = try data.classifications()
        let table = CaseTable(classifications: classifications, codebook: data.codebook.definition,
                              register: try RegisterStore(database: project.database).register())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(table.csv().utf8).write(to: dir.appendingPathComponent("cases.csv"))
        try Data(table.json().utf8).write(to: dir.appendingPathComponent("cases.json"))
        let criteria = data.codebook.definition.allCriteria.map(\.id)
        let naCount = table.rows.reduce(0) { n, row in
            n + row[CaseTable.attributeColumns.count..<(CaseTable.attributeColumns.count + criteria.count)].filter { $0 == nil }.count }
        let ones = table.rows.reduce(0) { n, row in n + row[CaseTable.attributeColumns.count...].filter { $0 == "1" }.count }
        let script = """
            import json, sys, pandas as pd
            crit = json.loads(sys.argv[2])
            for name in ("cases.csv", "cases.json"):
                path = sys.argv[1] + "/" + name
                d = pd.read_csv(path) if name.endswith(".csv") else pd.read_json(path, orient="records")
                c = d[crit]
                vals = set(c.stack().dropna().unique().tolist())
                print(name, d.shape[0], d.shape[1], int(c.isna().sum().sum()), sorted(vals), str(c.dtypes.iloc[0]))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        let criteriaJSON = String(decoding: try JSONSerialization.data(withJSONObject: criteria), as: UTF8.self)
        p.arguments = ["python3", "-c", script, dir.path, criteriaJSON]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(errors)")
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 4).map(String.init) }
        #expect(lines.count == 2, "\(text)")
        for line in lines where line.count == 5 {
            #expect(Int(line[1]) == classifications.count, "\(line)")
            #expect(Int(line[2]) == table.columns.count, "\(line)")
            #expect(Int(line[3]) == naCount, "\(line)")
            #expect(line[4].hasPrefix("[0.0, 1.0]") || line[4].hasPrefix("[0, 1]"), "\(line)")
        }
        #expect(naCount > 0 && ones > 0)
    }

    @Test func annotationsCarryQuotePositionCriterionNoteAndCoder() throws {
        let project = try Self.sample()
        let work = try RoundWork.load(project.database, round: SampleProject.round)
        let text = try WebAnnotationExport.jsonLD(work)
        #expect(text == (try WebAnnotationExport.jsonLD(work)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        let items = try #require((json["first"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.count == work.codings.count)
        let spanned = try #require(work.codings.first { $0.quote != nil && $0.note != nil })
        let annotation = try #require(items.first { ($0["id"] as? String)?.hasSuffix(StableGUID.make(StableGUID.codingName(spanned, roundKey: "\(work.codebook.codebookId)|\(work.round.name)"))) == true })
        let target = try #require(annotation["target"] as? [String: Any])
        let selectors = try #require(target["selector"] as? [[String: Any]])
        #expect(selectors.first { $0["type"] as? String == "TextQuoteSelector" }?["exact"] as? String == spanned.quote)
        let position = try #require(selectors.first { $0["type"] as? String == "TextPositionSelector" })
        #expect((position["end"] as? Int ?? 0) - (position["start"] as? Int ?? 0) == spanned.quote!.unicodeScalars.count)
        let bodies = try #require(annotation["body"] as? [[String: Any]])
        #expect(bodies.contains { ($0["id"] as? String)?.hasSuffix("#\(spanned.criterionId)") == true })
        #expect(bodies.contains { $0["value"] as? String == spanned.note })
        #expect((annotation["creator"] as? [String: Any])?["nickname"] as? String == spanned.coder)
    }

    @Test func evidenceAppendixHasCodersAdjudicationAndTrimmedExcerpts() throws {
        let project = try Self.sample()
        let data = try RoundData.load(project.database, round: SampleProject.round)
        let work = try RoundWork.load(project.database, round: SampleProject.round)
        let export = try EvidenceExport(database: project.database, classifications: try data.classifications(),
                                        codebook: data.codebook.definition, work: work)
        let csv = export.csv()
        #expect(csv.hasPrefix(EvidenceExport.columns.joined(separator: ",") + "\r\n"))
        let items = export.cases.flatMap(\.evidence)
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0.excerpt.split(whereSeparator: \.isWhitespace).count <= EvidenceExport.wordLimit + 1 })
        #expect(csv.contains("ana;ben") || csv.contains(",ana,") || csv.contains(",ben,"))
        #expect(!data.adjudications.isEmpty)
        #expect(csv.contains(", by lee: "))
        #expect(export.markdown().hasPrefix("# Evidence appendix"))
        let long = (1...200).map { "w\($0)" }.joined(separator: " ")
        #expect(EvidenceExport.trim(long, words: 150) == (1...150).map { "w\($0)" }.joined(separator: " ") + " \u{2026}")
    }
}
