import Foundation
import Reconciliation
import Testing
@testable import Reports

@Suite("Report files written as they are produced")
struct TextFileStreamTests {
    private func temporaryFile(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-textfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name)
    }

    @Test("A streamed file holds exactly the text the string form builds, across many buffer flushes")
    func streamedFilesEqualTheStrings() throws {
        let report = try ReportFixtures.report()
        // Enough copies of the fixture's cases to pass the 1 MiB buffer several times.
        let copies = (4 << 20) / max(1, EvidenceAppendix.csv(report.cases).utf8.count) + 1
        let cases = Array(repeating: report.cases, count: copies).flatMap { $0 }
        #expect(EvidenceAppendix.csv(cases).utf8.count > 3 << 20)
        let csvURL = try temporaryFile("evidence.csv")
        try TextFileStream.write(to: csvURL) { out in var out = out; EvidenceAppendix.writeCSV(cases, to: &out) }
        #expect(try Data(contentsOf: csvURL) == Data(EvidenceAppendix.csv(cases).utf8))

        let mdURL = try temporaryFile("evidence.md")
        try TextFileStream.write(to: mdURL) { out in var out = out; EvidenceAppendix.writeMarkdown(cases, to: &out) }
        #expect(try Data(contentsOf: mdURL) == Data(EvidenceAppendix.markdown(cases).utf8))

        var codings = ReportFixtures.codings
        let i = try #require(codings.firstIndex { $0.coder == "ann" && $0.unit.passageId == 4 })
        codings[i].contradicting = ["WIR.link"]
        let result = try ReliabilityResult(ReliabilityRequest(criteria: ["WIR.volunteered", "WIR.link", "CRC.recruited", "OPP.threat"], codings: codings, bootstrapReplicates: 0))
        let longURL = try temporaryFile("long.csv")
        try TextFileStream.write(to: longURL) { out in var out = out; ReliabilityDataExport.writeLong(result.criteria, to: &out) }
        #expect(try String(contentsOf: longURL, encoding: .utf8) == ReliabilityDataExport.longCSV(result.criteria))
        #expect(ReliabilityDataExport.longCSV(result.criteria).contains("p4 KOR-1965,4,KOR-1965,ann,WIR.link,2,contradicts\n"))
        for c in result.criteria {
            let url = try temporaryFile(ReliabilityDataExport.fileName(c.criterion))
            try TextFileStream.write(to: url) { out in var out = out; ReliabilityDataExport.write(c, to: &out) }
            #expect(try String(contentsOf: url, encoding: .utf8) == ReliabilityDataExport.csv(c))
        }
    }

    @Test("A file that cannot be created or written is an error naming it, not a silent short file")
    func failuresAreReported() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-dossier-folder/evidence.csv")
        #expect {
            try TextFileStream.write(to: missing) { $0.write("x") }
        } throws: { error in
            "\(error)".contains("/nonexistent-dossier-folder/evidence.csv") && "\(error)".hasPrefix("cannot create")
        }
        // /dev/full accepts the open and refuses every write (ENOSPC), as a full disk does.
        if FileManager.default.fileExists(atPath: "/dev/full") {
            #expect {
                try TextFileStream.write(to: URL(fileURLWithPath: "/dev/full")) { out in
                    for _ in 0..<3 { out.write(String(repeating: "x", count: 1 << 20)) }
                }
            } throws: { error in
                "\(error)".hasPrefix("cannot write /dev/full")
            }
        }
    }
}
