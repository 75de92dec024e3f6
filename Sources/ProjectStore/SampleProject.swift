import CSV
import Foundation
import GRDB

/// Builds the bundled sample project from a checkout's `Imports/` and `Codebooks/`: the sample
/// transcripts, the Buying Allies codebook, the case register, two coders' blind codings of a
/// reliability round, and an adjudicator's decisions. `dossier demo` and the end-to-end tests use it.
public struct SampleProject {
    public static let round = "rel-1"
    /// The round coding pivotal states at their own level (operation-actor subjects, `UNAMID-2007@USA`).
    public static let pivotalRound = "piv-1"
    public static let coders = ["ana", "ben"]
    public static let adjudicator = "lee"

    public let root: URL
    public let database: ProjectDatabase

    /// Opens (creating) the project at `databasePath`; `root` holds `Imports/` and `Codebooks/`.
    public init(root: URL, databasePath: String) throws {
        self.root = root
        self.database = try ProjectDatabase.open(path: databasePath, create: true)
    }

    /// An in-memory sample project, for tests.
    public init(root: URL) throws {
        self.root = root
        self.database = try ProjectDatabase.inMemory()
    }

    var codings: URL { root.appendingPathComponent("Imports/codings/reliability-round.csv") }
    var pivotalCodings: URL { root.appendingPathComponent("Imports/codings/pivotal-round.csv") }

    /// Runs every step up to adjudication; `log` receives one line per step. With `adjudicate: false`
    /// the round is closed but no decision is recorded.
    @discardableResult
    public func build(adjudicate: Bool = true, log: (String) -> Void = { _ in }) throws -> String {
        let files = try ArchiveImporter.expand(paths: [root.appendingPathComponent("Imports/transcripts").path])
        let importer = ArchiveImporter(database: database)
        var documents = 0, passages = 0
        for file in files {
            let r = importer.importFile(file)
            guard r.status != .failed else { throw StoreError.invalid(r.error ?? "import failed: \(file.path)") }
            documents += r.newDocuments + r.newVersions
            passages += r.passages
        }
        log("Imported \(files.count) sample transcripts: \(documents) documents, \(passages) passages.")

        let codebook = try CodebookStore(database: database)
            .load(file: root.appendingPathComponent("Codebooks/buying-allies.yaml")).version
        log("Loaded codebook \(codebook.label): \(codebook.definition.allCriteria.count) criteria.")
        let register = try RegisterStore(database: database)
            .load(file: root.appendingPathComponent("Imports/register/buying-allies.yaml"))
        log("Loaded register: \(register.actors) actors, \(register.operations) operations, \(register.cases) cases, \(register.payments) payments.")

        let store = CodingStore(database: database)
        try store.addCoder(handle: "ana", name: "Ana (sample coder)", role: .coder)
        try store.addCoder(handle: "ben", name: "Ben (sample coder)", role: .coder)
        try store.addCoder(handle: Self.adjudicator, name: "Lee (sample adjudicator)", role: .adjudicator)
        _ = try store.createRound(name: Self.round, purpose: .reliability, codebook: codebook)

        // Assign, for each case the sample codings cover, every codable passage of its document; the
        // sample codings (Imports/codings) code some editors' footnotes, so editorial material is kept.
        let plan = try assignmentPlan(codings)
        let selector = UnitSelector(database: database)
        var units = 0
        for (caseId, documentId) in plan {
            let (candidates, method) = try selector.candidates(caseId: caseId, query: nil, documentIds: [documentId],
                                                           scope: .init(includeEditorial: true))
            units += try store.assign(round: Self.round, coders: Self.coders, units: candidates, method: method,
                                      documentIds: [documentId]).units
        }
        log("Reliability round \(Self.round) (blind): \(units) units assigned to \(Self.coders.joined(separator: " and ")).")

        let imported = try CodingCSVImporter(store: store).importFile(codings)
        log("Imported \(imported.added) codings; \(imported.unitsDone) unit codings marked done.")
        _ = try store.closeRound(Self.round, by: Self.adjudicator)
        log("Closed round \(Self.round).")
        if adjudicate {
            let n = try AdjudicationStore(database: database)
                .importFile(root.appendingPathComponent("Imports/codings/adjudications.csv"))
            log("Recorded \(n) adjudications by \(Self.adjudicator).")
        }

        // Pivotal states are coded at their own level, an actor in an operation, in a round of their own.
        _ = try store.createRound(name: Self.pivotalRound, purpose: .reliability, codebook: codebook)
        var pivotalUnits = 0
        for (caseId, documentId) in try assignmentPlan(pivotalCodings) {
            let (candidates, method) = try selector.candidates(caseId: caseId, query: nil, documentIds: [documentId],
                                                               scope: .init(includeEditorial: true))
            pivotalUnits += try store.assign(round: Self.pivotalRound, coders: Self.coders, units: candidates, method: method,
                                             documentIds: [documentId]).units
        }
        let pivotal = try CodingCSVImporter(store: store).importFile(pivotalCodings)
        _ = try store.closeRound(Self.pivotalRound, by: Self.adjudicator)
        log("Pivotal-state round \(Self.pivotalRound) (operation × actor): \(pivotalUnits) units, \(pivotal.added) codings, closed.")
        return "Sample project ready."
    }

    /// The (case, document) pairs named in a sample codings file, in file order.
    func assignmentPlan(_ file: URL) throws -> [(String, Int64)] {
        let reader = try CSVReader(string: try String(contentsOf: file, encoding: .utf8), hasHeaderRow: true)
        var seen = Set<String>()
        var plan: [(String, Int64)] = []
        let catalog = DocumentCatalog(database: database)
        while reader.next() != nil {
            guard let caseId = reader["case"], let document = reader["document"], seen.insert("\(caseId)|\(document)").inserted else { continue }
            plan.append((caseId, try catalog.resolve(document).id!))
        }
        return plan
    }
}
