import ArgumentParser
import Interchange
import Foundation
import ProjectStore
import Reconciliation
import Reports

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole workflow on the bundled samples: import, code, reconcile, classify, report.",
        discussion: """
        Builds a fresh project from Imports/ (sample transcripts, case register, two coders' \
        blind codings, an adjudicator's decisions) and Codebooks/buying-allies.yaml, then runs \
        reconcile and classify and writes the reliability report. Prints where everything is.

        Examples:
          swift run dossier demo
          dossier demo --output /tmp/dossier-demo
        """
    )

    @Option(help: ArgumentHelp("Folder for the demo project and report (created; must not already hold a demo).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Repository folder holding Imports/ and Codebooks/ (default: the current folder, else the source checkout).", valueName: "dir"))
    var samples: String?

    func run() throws {
        try reportingErrors {
            let root = try Self.sampleRoot(samples)
            let out = URL(fileURLWithPath: output ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("dossier-demo-\(Int(Date().timeIntervalSince1970))").path)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let dbPath = out.appendingPathComponent("dossier.sqlite").path
            guard !FileManager.default.fileExists(atPath: dbPath) else {
                throw ValidationError("\(dbPath) already exists; give another --output folder.")
            }
            let sample = try SampleProject(root: root, databasePath: dbPath)
            try sample.build(log: { print($0) })
            let data = try RoundData.load(sample.database, round: SampleProject.round)
            let reliability = try data.reliability()
            let files = try ReportWriter.write(database: sample.database, round: SampleProject.round,
                                               to: out.appendingPathComponent("reliability-report.html"),
                                               title: "Buying Allies: reliability of the sample round", bootstrap: 1000, seed: 1)
            let exports = try RoundExports.write(database: sample.database, round: SampleProject.round, to: out, name: SampleProject.round)
            print("")
            let classifications = try data.classifications()
            print(DemoSummary.render(data: data, reliability: reliability, classifications: classifications))
            print(DemoSummary.evidence(classifications, codebook: data.codebook.definition))
            let pivotal = try RoundData.load(sample.database, round: SampleProject.pivotalRound)
            let pivotalClassifications = try pivotal.classifications()
            print(DemoSummary.pivotal(data: pivotal, reliability: try pivotal.reliability(bootstrap: 200),
                                      classifications: pivotalClassifications,
                                      disagreements: RegisterCrossCheck.pivotalStates(pivotalClassifications,
                                                                                       register: try RegisterStore(database: sample.database).register())))
            print(DemoSummary.weighing([try WeighingReport.build(database: sample.database, data: data),
                                        try WeighingReport.build(database: sample.database, data: pivotal)]))
            print("")
            print("Project:  \(dbPath)")
            for f in files { print("Report:   \(f.path)") }
            for f in exports { print("Export:   \(f.path)") }
            print("")
            print("Explore:  dossier search --db \(dbPath) \"debt relief\"")
            print("          dossier classify --db \(dbPath) --round \(SampleProject.round)")
            print("          dossier classify --db \(dbPath) --round \(SampleProject.pivotalRound)")
            print("          dossier reconcile --db \(dbPath) --round \(SampleProject.round)")
            print("          dossier weigh --db \(dbPath) --round \(SampleProject.round) --case VIETNAM-1964/PHL")
        }
    }

    /// Finds the folder holding Imports/ and Codebooks/.
    static func sampleRoot(_ given: String?) throws -> URL {
        let candidates: [String] = [given, FileManager.default.currentDirectoryPath,
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                              .deletingLastPathComponent().path].compactMap { $0 }
        for c in candidates {
            let url = URL(fileURLWithPath: c)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Imports/transcripts").path),
               FileManager.default.fileExists(atPath: url.appendingPathComponent("Codebooks/buying-allies.yaml").path) {
                return url
            }
        }
        throw ValidationError("cannot find Imports/ and Codebooks/; run from the repository folder or give --samples DIR.")
    }
}
