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
        For each case: every criterion's status — established (supporting evidence, none \
        against), refuted (evidence against only), contested (both, or coders disagree), not \
        found (nothing either way: unknown, never false) — from adjudicated decisions or, where \
        coders agree, from agreement; per category, the rule, each criterion's status and the \
        passages behind it, and for an indeterminate answer the criteria that would decide it \
        (types may overlap; none and indeterminate are answers); recorded search coverage; the \
        payments in the register and where they disagree with the schemes the evidence gives; \
        and the passages, quotes, notes and citations behind every criterion.

        Operation-actor subjects (OPERATION@ACTOR) are classified with the codebook's \
        operation_actor dimensions (pivotal states); where the register's pivotal_states list \
        disagrees with them, the cross-check says so.

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
        noteIfBehindTeamServer(project)
        try reportingErrors {
            let db = try project.openForReading()
            let roundName = try roundOrOnlyRound(round, in: db)
            let data = try RoundData.load(db, round: roundName, as: identity.viewer, need: .visible)
            if let only = data.onlyCoder {
                printError("Round \(roundName) is blind until it is closed by a lead or adjudicator: classified from \(only)'s own codings only.")
            }
            let classifications = try data.classifications(caseId: caseId)
            if let caseId, classifications.isEmpty { throw StoreError.notFound(kind: "case in round \(roundName)", id: caseId) }
            let reports = try ProjectReportBuilder(database: db).caseReports(classifications, codebook: data.codebook.definition)
            let register = try RegisterStore(database: db).register()
            let codebook = data.codebook.definition
            let pivotal = RegisterCrossCheck.pivotalStates(classifications, register: register)
            switch format {
            case .json:
                print(JSONText.encode(ClassifyView(
                    cases: reports.map { CaseView(report: $0, payments: register.payments(inCase: $0.caseId), codebook: codebook,
                                                  coverage: data.coverage[$0.caseId] ?? [],
                                                  disagreements: RegisterCrossCheck.payments($0.classification, register: register)
                                                    + RegisterCrossCheck.paymentReferences(data.paymentReferences, caseId: $0.caseId, register: register)) },
                    pivotalStateDisagreements: pivotal)))
            case .csv:
                var out = try TextFileStream.standardOutput()
                EvidenceAppendix.writeCSV(reports, to: &out)
                try out.close()
            case .markdown:
                var out = try TextFileStream.standardOutput()
                EvidenceAppendix.writeMarkdown(reports, to: &out)
                out.write("\n")
                try out.close()
            case .table:
                for r in reports {
                    print("\(r.caseId): \(r.recipient ?? "?") in \(r.operation ?? "?")")
                    for c in r.classification.classifications {
                        let members = c.members.isEmpty ? c.verdict.rawValue : c.members.joined(separator: ", ")
                        print("  \(c.dimension): \(members)\(c.undecided.isEmpty ? "" : " (undecided: \(c.undecided.joined(separator: ", ")))")")
                    }
                    print("  why:")
                    for e in r.classification.explanations(codebook: codebook) {
                        print("    \(e.summary) — rule \(e.rule)")
                        for line in e.criteria where line.status != .notFound || e.wouldDecide.contains(line.criterion) {
                            print("      \(line.criterion): \(line.reason)")
                        }
                    }
                    for c in data.coverage[r.caseId] ?? [] { print("  coverage: \(c.summary)") }
                    for d in RegisterCrossCheck.payments(r.classification, register: register)
                        + RegisterCrossCheck.paymentReferences(data.paymentReferences, caseId: r.caseId, register: register) {
                        print("  register disagrees: \(d.line)")
                    }
                    for p in register.payments(inCase: r.caseId) {
                        let amount = p.amount.map { " \($0) \(p.currency ?? "")\(p.basis == .total ? "" : " \(p.basis.rawValue)")" } ?? ""
                        print("  register payment \(p.id): \(p.subtype?.rawValue ?? p.scheme.rawValue)\(amount) (\(p.status.rawValue))\(p.source.map { ", source: \($0)" } ?? "")")
                    }
                    for e in r.evidence {
                        print("    [\(e.criterion)] passage \(e.passageId)\(e.page.map { ", p. \($0)" } ?? ""): \(String(e.excerpt.prefix(110)))\(e.excerpt.count > 110 ? "…" : "") (\(e.basis ?? ""))")
                    }
                    print("")
                }
                if !pivotal.isEmpty {
                    print("Register cross-check (pivotal states):")
                    for d in pivotal { print("  \(d.line)") }
                }
            }
        }
    }
}

/// Every case, and the register's pivotal states checked against the evidence.
struct ClassifyView: Encodable {
    var cases: [CaseView]
    var pivotalStateDisagreements: [RegisterDisagreement]
}

/// A case's classification as JSON.
struct CaseView: Encodable {
    var caseId: String
    var recipient: String?
    var operation: String?
    var statuses: [String: String]
    var classifications: [Classification]
    var explanations: [CategoryExplanation]
    var coverage: [CaseCoverage]
    var evidence: [EvidenceView]
    var payments: [Payment]
    var registerDisagreements: [RegisterDisagreement]

    struct EvidenceView: Encodable {
        var criterion: String
        var status: String
        var passageId: Int64
        var page: String?
        var excerpt: String
        var notes: [String]
        var basis: String?
        var citation: String
    }

    init(report r: CaseReport, payments: [Payment], codebook: Codebook, coverage: [CaseCoverage],
         disagreements: [RegisterDisagreement]) {
        caseId = r.caseId; recipient = r.recipient; operation = r.operation
        statuses = Dictionary(uniqueKeysWithValues: r.classification.criteria.map { ($0.criterion, $0.status.rawValue) })
        classifications = r.classification.classifications
        explanations = r.classification.explanations(codebook: codebook)
        self.coverage = coverage
        registerDisagreements = disagreements
        evidence = r.evidence.map { EvidenceView(criterion: $0.criterion, status: $0.status.rawValue, passageId: $0.passageId, page: $0.page,
                                                 excerpt: $0.excerpt, notes: $0.notes, basis: $0.basis, citation: $0.citation) }
        self.payments = payments
    }
}
