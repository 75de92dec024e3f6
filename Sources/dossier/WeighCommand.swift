import ArgumentParser
import Codebook
import Foundation
import ProjectStore
import Reconciliation
import Reports
import Weighing

struct WeighCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weigh",
        abstract: "Weigh each case's evidence: Bayesian process tracing, prior to posterior per category.",
        discussion: """
        For each case and each category of the dimensions that classify it (recipient types, payment schemes, pivotal or not), the category is a hypothesis weighed against its negation (Fairfield & Charman 2022): a prior (--prior, else the category's prior: in the codebook, else 1/2), each item of adjudicated evidence with its weight in decibans, 10·log10 P(E|H)/P(E|not H), and its citation, the running log-odds, the posterior, and whether it agrees with the rule-based classification (`dossier classify`).

        Likelihoods come from the codebook's `likelihoods:` or, where it gives none, from defaults per evidence test (README, "Weighing the evidence", names their sources). Contradicting evidence is weighed with the likelihoods of the evidence's absence. A criterion not found adds nothing, unless the codebook marks its absence as evidence and a full search of the case was recorded (`dossier case coverage`). Passages coded for several criteria of one category, passages with identical text, and passages a coder links (`code add --attr same_fact=p44`) count once; the output says so. Items are assumed independent given each hypothesis: the output names that assumption.

        How far to trust it: the posterior over priors 0.1 to 0.9, with every weight divided by --damping (likelihood ratios moved toward 1), the items whose removal alone would change which way it leans, and each coder's posterior from their own codings before adjudication.

        While a blind round is open you see the weighing of your own codings only.

        Examples:
          dossier weigh --round rel-1
          dossier weigh --round rel-1 --case KOREA-1950/COL --prior OPP=0.2
          dossier weigh --round rel-1 --prior 0.3 --damping 3 --format csv > weights.csv
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round whose codings and decisions to weigh (default: the only round).") var round: String?
    @Option(name: .customLong("case"), help: "Only this case.") var caseId: String?
    @Option(name: .customLong("prior"), help: ArgumentHelp(
        "A prior: `0.3` for every category, or `CATEGORY=0.3` for one (repeatable).",
        discussion: "Strictly between 0 and 1. Without it: the category's `prior:` in the codebook, else 1/2 (uniform over member and not member).", valueName: "prior"))
    var priors: [String] = []
    @Option(help: "Divide every weight by this to test the conclusion (≥ 1; 2 halves each weight in decibans).")
    var damping: Double = 2
    @OptionGroup var output: OutputOptions
    @OptionGroup var identity: IdentityOptions

    func run() throws {
        try reportingErrors {
            let db = try project.openForReading()
            let roundName = try roundOrOnlyRound(round, in: db)
            let data = try RoundData.load(db, round: roundName, as: identity.viewer, need: .visible)
            if let only = data.onlyCoder {
                printError("Round \(roundName) is blind until it is closed by a lead or adjudicator: weighed from \(only)'s own codings only.")
            }
            let options = try Self.options(priors: priors, damping: damping, codebook: data.codebook.definition)
            let report = try WeighingReport.build(database: db, data: data, caseId: caseId, options: options)
            if let caseId, report.weighings.isEmpty { throw StoreError.notFound(kind: "case in round \(roundName)", id: caseId) }
            switch output.format {
            case .table: print(report.table(), terminator: "")
            case .csv: print(report.csvRows().map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\n"))
            case .json: print(Self.json(report.view))
            }
        }
    }

    /// snake_case JSON; a weight that is infinite (a likelihood of 0 in the codebook) is the string
    /// "Infinity" or "-Infinity", since JSON has no such number.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `--prior` values into options, checked against the codebook's categories.
    static func options(priors: [String], damping: Double, codebook: Codebook) throws -> CaseWeighing.Options {
        var options = CaseWeighing.Options(dampingFactor: damping)
        guard damping.isFinite, damping >= 1 else { throw ValidationError("--damping \(damping): \(WeighingError.badFactor(damping))") }
        let categories = codebook.allCategories.map(\.id)
        for text in priors {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let value = Double(parts.last ?? "") else {
                throw ValidationError("--prior \(text): give a number (0.3) or CATEGORY=NUMBER (OPP=0.2).")
            }
            do { _ = try Weighing.priorLogOdds(value, what: "--prior \(text)") } catch { throw ValidationError("\(error)") }
            if parts.count == 1 {
                options.priorForAll = value
            } else {
                guard categories.contains(parts[0]) else {
                    throw ValidationError("--prior \(text): codebook \(codebook.id) has no category \(parts[0]); categories: \(categories.joined(separator: ", ")).")
                }
                options.priors[parts[0]] = value
            }
        }
        return options
    }
}
