import ArgumentParser
import Foundation
import ProjectStore
import Reconciliation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Inter-coder reliability per criterion and per category for a round.",
        discussion: """
        Uses the coders' own blind codings of units that at least two coders marked done: one
        present/absent value per coder, unit and criterion. Per criterion: units, pairable values,
        prevalence, percent agreement, Krippendorff's alpha with a bootstrap 95% interval and
        P(alpha < .667), Cohen's (2 coders) or Fleiss' kappa, Gwet's AC1, unitizing alpha where
        spans were coded, and a verdict (reliable >= .800, tentative >= .667, unreliable).
        Adjudication never changes these figures.

        Examples:
          dossier reconcile --round rel-1
          dossier reconcile --round rel-1 --bootstrap 5000 --seed 42 --format csv > reliability.csv
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Round name.") var round: String
    @Option(help: "Bootstrap replicates for alpha's interval.") var bootstrap = 1000
    @Option(help: "Seed for the bootstrap (same seed, same interval).") var seed: UInt64 = 1
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let data = try RoundData.load(try project.open(), round: round, as: identity.viewer)
            let result = try data.reliability(bootstrap: bootstrap, seed: seed)
            switch output.format {
            case .json:
                print(JSONText.encode(ReliabilityView(round: round, result: result)))
            case .csv:
                print(Self.criterionRows(result).csv())
            case .table:
                print("Round \(round): \(result.units.count) unit(s) coded by \(result.coders.joined(separator: ", ")); \(result.singleCodedUnits.count) unit(s) finished by only one coder are left out.\n")
                print(Self.criterionRows(result).table())
                print("\nCategory level (does each coder's evidence lead to the same classification?):")
                print(RowPrinter(headers: ["category", "cases", "pairable", "agreement", "alpha", "verdict"],
                                 rows: result.categories.map { c in
                                     [c.category, "\(c.cases)", "\(c.pairableValues)", fmt(c.percentAgreement), fmt(c.alpha), c.verdict.rawValue]
                                 }).table())
            }
        }
    }

    static func criterionRows(_ r: ReliabilityResult) -> RowPrinter {
        RowPrinter(headers: ["criterion", "units", "pairable_values", "prevalence", "percent_agreement", "alpha",
                             "alpha_ci_low", "alpha_ci_high", "p_alpha_below_667", "kappa_kind", "kappa", "gwet_ac1",
                             "unitizing_alpha", "verdict"],
                   rows: r.criteria.map { c in
                       [c.criterion, "\(c.units)", "\(c.pairableValues)", fmt(c.prevalence), fmt(c.percentAgreement),
                        fmt(c.alpha), fmt(c.alphaLow), fmt(c.alphaHigh), fmt(c.probabilityBelow(0.667)),
                        c.kappaKind.rawValue, fmt(c.kappa), fmt(c.ac1), fmt(c.unitizing?.alpha), c.verdict.rawValue]
                   })
    }
}

/// Three decimals; undefined values are empty in tables and CSV (null in JSON), never NaN.
func fmt(_ x: Double?) -> String? {
    guard let x, x.isFinite else { return nil }
    return String(format: "%.3f", x)
}

/// Reliability as JSON: per criterion and per category, with the values behind each figure.
struct ReliabilityView: Encodable {
    var round: String
    var units: Int
    var coders: [String]
    var singleCodedUnits: Int
    var criteria: [CriterionReliability]
    var categories: [CategoryReliability]

    init(round: String, result: ReliabilityResult) {
        self.round = round
        units = result.units.count
        coders = result.coders
        singleCodedUnits = result.singleCodedUnits.count
        criteria = result.criteria
        categories = result.categories
    }
}
