import ArgumentParser
import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Reports

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Derive each case's classification from the evidence, with the evidence trail.",
        discussion: """
        For each case: every criterion's status (established, absent, contested, not yet coded),
        from adjudicated decisions or, where coders agree, from agreement; the categories the
        codebook's decision rules give (types may overlap; none and indeterminate are answers);
        the payments in the ledger; and, for each established criterion, the passages, quotes,
        notes and citations behind it.

        Examples:
          dossier classify --round rel-1
          dossier classify --round rel-1 --case KOREA-1950/COL --format markdown
          dossier classify --round rel-1 --format csv > evidence.csv
        """
    )

    enum Format: String, ExpressibleByArgument { case table, json, csv, markdown }

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round whose codings and decisions to use (default: the only round).") var round: String?
    @Option(name: .customLong("case"), help: "Only this case.") var caseId: String?
    @Option(help: "table, json, csv (evidence rows) or markdown (evidence appendix).") var format: Format = .table
    @OptionGroup var identity: IdentityOptions

    func run() throws {
        try reportingErrors {
            let db = try project.openForReading()
            let roundName = try round ?? {
                let rounds = try CodingStore(database: db).rounds()
                guard rounds.count == 1 else {
                    throw ValidationError(rounds.isEmpty ? "no rounds yet." : "say which round with --round (\(rounds.map(\.name).joined(separator: ", "))).")
                }
                return rounds[0].name
            }()
            let data = try RoundData.load(db, round: roundName, as: identity.viewer, need: .visible)
            if let only = data.onlyCoder {
                printError("Round \(roundName) is blind until it is closed by a lead or adjudicator: classified from \(only)'s own codings only.")
            }
            let classifications = try data.classifications(caseId: caseId)
            if let caseId, classifications.isEmpty { throw StoreError.notFound(kind: "case in round \(roundName)", id: caseId) }
            let reports = try ProjectReportBuilder(database: db).caseReports(classifications, codebook: data.codebook.definition)
            let register = try RegisterStore(database: db).register()
            switch format {
            case .json:
                print(JSONText.encode(reports.map { CaseView(report: $0, payments: register.payments(inCase: $0.caseId)) }))
            case .csv:
                print(EvidenceAppendix.csv(reports), terminator: "")
            case .markdown:
                print(EvidenceAppendix.markdown(reports))
            case .table:
                for r in reports {
                    print("\(r.caseId): \(r.recipient ?? "?") in \(r.operation ?? "?")")
                    for c in r.classification.classifications {
                        let members = c.members.isEmpty ? c.verdict.rawValue : c.members.joined(separator: ", ")
                        print("  \(c.dimension): \(members)\(c.undecided.isEmpty ? "" : " (undecided: \(c.undecided.joined(separator: ", ")))")")
                    }
                    let byStatus = Dictionary(grouping: r.classification.criteria, by: { $0.status.rawValue })
                    for status in ["established", "contested"] {
                        if let list = byStatus[status] { print("  \(status): \(list.map(\.criterion).joined(separator: ", "))") }
                    }
                    for p in register.payments(inCase: r.caseId) {
                        print("  payment: \(p.subtype?.rawValue ?? p.scheme.rawValue) \(p.amount.map { "\($0)" } ?? "") \(p.currency ?? "") \(p.basis.rawValue) (\(p.status.rawValue))")
                    }
                    for e in r.evidence {
                        print("    [\(e.criterion)] passage \(e.passageId)\(e.page.map { ", p. \($0)" } ?? ""): \(String(e.excerpt.prefix(110)))\(e.excerpt.count > 110 ? "…" : "") (\(e.basis ?? ""))")
                    }
                    print("")
                }
            }
        }
    }
}

/// A case's classification as JSON.
struct CaseView: Encodable {
    var caseId: String
    var recipient: String?
    var operation: String?
    var statuses: [String: String]
    var classifications: [Classification]
    var evidence: [EvidenceView]
    var payments: [Payment]

    struct EvidenceView: Encodable {
        var criterion: String
        var passageId: Int64
        var page: String?
        var excerpt: String
        var notes: [String]
        var basis: String?
        var citation: String
    }

    init(report r: CaseReport, payments: [Payment]) {
        caseId = r.caseId; recipient = r.recipient; operation = r.operation
        statuses = Dictionary(uniqueKeysWithValues: r.classification.criteria.map { ($0.criterion, $0.status.rawValue) })
        classifications = r.classification.classifications
        evidence = r.evidence.map { EvidenceView(criterion: $0.criterion, passageId: $0.passageId, page: $0.page,
                                                 excerpt: $0.excerpt, notes: $0.notes, basis: $0.basis, citation: $0.citation) }
        self.payments = payments
    }
}
