import ArgumentParser
import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a round's reliability report (HTML or Markdown) and its evidence appendix.",
        discussion: """
        The report gives the sample and how it was drawn, the coders, the codebook version, the \
        per-criterion table with intervals and verdicts, the coincidence matrices of the weakest \
        criteria, how disagreements were resolved, and the derived classifications with their \
        evidence. HTML is one self-contained file with an inline SVG chart of alpha per criterion \
        against the .667 and .800 lines. Beside it, NAME-evidence.md and NAME-evidence.csv hold \
        the evidence appendix: excerpt, analytic note and full citation per established criterion; \
        NAME-codebook.md the codebook; NAME-reliability-data/ one CSV per criterion (readable by \
        `dossier agreement` and R irr/irrCAC) and NAME-reliability-long.csv the same values in one \
        long file (unit, coder, criterion, value) for R and pandas. The report also states the sample size achieved \
        against Krippendorff's requirement, the coders and how much each coded, and a methods \
        paragraph with the numbers filled in.

        Examples:
          dossier report --round rel-1 -o reliability.html
          dossier report --round rel-1 -o appendix/reliability.md --bootstrap 5000
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round name.") var round: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, .html or .md.", valueName: "file")) var output: String
    @Option(help: "Report title.") var title: String?
    @Option(help: "Bootstrap replicates for alpha's interval.") var bootstrap = 1000
    @Option(help: "Seed for the bootstrap.") var seed: UInt64 = 1
    @OptionGroup var identity: IdentityOptions

    func run() throws {
        noteIfBehindTeamServer(project)
        try reportingErrors {
            let db = try project.openForReading()
            let files = try ReportWriter.write(database: db, round: round, to: URL(fileURLWithPath: output),
                                               title: title, bootstrap: bootstrap, seed: seed, as: identity.viewer)
            for f in files { print("Wrote \(f.path)") }
        }
    }
}

/// Writes the report and the evidence appendix; shared by `report` and `demo`.
enum ReportWriter {
    static func write(database: ProjectDatabase, round: String, to url: URL, title: String?, bootstrap: Int,
                      seed: UInt64, as viewer: Viewer = .anonymous) throws -> [URL] {
        let ext = url.pathExtension.lowercased()
        guard ext == "html" || ext == "htm" || ext == "md" else {
            throw ValidationError("-o must end in .html or .md, not '\(url.lastPathComponent)'.")
        }
        // Said before the work, not after it: at 200,000 codings the report takes a while.
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.invalid("cannot write \(url.path): the folder \(folder.path) does not exist (create it first).")
        }
        let data = try RoundData.load(database, round: round, as: viewer)
        let reliability = try data.reliability(bootstrap: bootstrap, seed: seed)
        var report = try ProjectReportBuilder(database: database)
            .reliabilityReport(data, reliability: reliability,
                               project: URL(fileURLWithPath: database.path).lastPathComponent, title: title,
                               viewer: viewer, bootstrap: bootstrap, seed: seed)
        // The cases' evidence weighed with the default priors (`dossier weigh` takes others).
        report.weighing = try WeighingReport.build(database: database, data: data,
                                                   classifications: report.cases.map(\.classification))
        let base = url.deletingPathExtension()
        let evidenceMD = URL(fileURLWithPath: base.path + "-evidence.md")
        let evidenceCSV = URL(fileURLWithPath: base.path + "-evidence.csv")
        let codebookMD = URL(fileURLWithPath: base.path + "-codebook.md")
        let dataDir = URL(fileURLWithPath: base.path + "-reliability-data", isDirectory: true)
        let longCSV = URL(fileURLWithPath: base.path + "-reliability-long.csv")
        report.dataLocations = [
            "\(dataDir.lastPathComponent)/: one CSV per criterion (unit, one column per coder; 1 supports, 0 no tag, 2 contradicts, empty not finished), readable by `dossier agreement` and R irr/irrCAC",
            "\(longCSV.lastPathComponent): the same values in one long file (unit, passage_id, case_id, coder, criterion, value, label), for R and pandas",
            "\(codebookMD.lastPathComponent): the codebook, version \(report.codebook.version)",
            "\(evidenceMD.lastPathComponent) and \(evidenceCSV.lastPathComponent): the evidence appendix",
        ]
        let body = ext == "md" ? MarkdownReport.render(report, evidenceFile: evidenceMD.lastPathComponent) : HTMLReport.render(report, evidenceFile: evidenceCSV.lastPathComponent)
        let written = [url, evidenceMD, evidenceCSV, codebookMD, dataDir, longCSV]
        do {
            try Data(body.utf8).write(to: url)
            // The appendix and the reliability data grow with the codings (some 80 MB each at
            // 200,000): written as they are produced, not built in memory first.
            try TextFileStream.write(to: evidenceMD) { out in var out = out; EvidenceAppendix.writeMarkdown(report.cases, to: &out) }
            try TextFileStream.write(to: evidenceCSV) { out in var out = out; EvidenceAppendix.writeCSV(report.cases, to: &out) }
            try Data(data.codebook.definition.markdownManual().utf8).write(to: codebookMD)
            try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
            for c in reliability.criteria {
                let file = dataDir.appendingPathComponent(ReliabilityDataExport.fileName(c.criterion))
                try TextFileStream.write(to: file) { out in var out = out; ReliabilityDataExport.write(c, to: &out) }
            }
            try TextFileStream.write(to: longCSV) { out in var out = out; ReliabilityDataExport.writeLong(reliability.criteria, to: &out) }
        } catch let error as TextFileError {
            throw StoreError.invalid(error.description)
        } catch {
            throw StoreError.invalid("cannot write \(url.path): \(error.localizedDescription)")
        }
        return written
    }
}
