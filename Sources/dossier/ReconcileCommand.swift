import Agreement
import ArgumentParser
import Foundation
import ProjectStore
import Reconciliation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Inter-coder reliability per criterion and per category for a round.",
        discussion: """
        Uses the coders' own blind codings of units that at least two coders marked done: one \
        present/absent value per coder, unit and criterion. Per criterion: units, pairable values, \
        prevalence, percent agreement, Krippendorff's alpha with a bootstrap 95% interval and \
        P(alpha < .667), Cohen's (2 coders) or Fleiss' kappa, Gwet's AC1 (each with Gwet's analytic \
        interval), unitizing alpha where spans were coded, and a verdict on the interval's lower limit \
        (reliable >= .800, tentative >= .667, unreliable; insufficient data when the rarer value is too \
        scarce for Krippendorff's sample-size requirement). \
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
    @Flag(help: "Also print per criterion: how often each coder tagged it, each pair's PABAK and prevalence and bias indices, alpha with each coder left out (3+ coders), and the units carrying the disagreement.")
    var diagnostics = false
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        noteIfBehindTeamServer(project)
        try reportingErrors {
            let data = try RoundData.load(try project.openForReading(), round: round, as: identity.viewer)
            let result = try data.reliability(bootstrap: bootstrap, seed: seed)
            switch output.format {
            case .json:
                print(JSONText.encode(ReliabilityView(round: round, result: result, decisive: try data.decisiveDisagreements())))
            case .csv:
                print(Self.criterionRows(result).csv())
            case .table:
                print("Round \(round): \(result.units.count) unit(s) coded by \(result.coders.joined(separator: ", ")); \(result.singleCodedUnits.count) unit(s) finished by only one coder are left out.\n")
                print(Self.criterionTable(result).table())
                print("\n\(result.thresholds.sentence) The interval is a bootstrap over units (resampled, percentile, \(bootstrap) replicates, seed \(seed)). Kappa, AC1 and the second alpha interval use Gwet's (2014) analytic standard errors.")
                // A reason shared by several criteria is said once, naming them all.
                var reasonOrder: [String] = [], criteriaByReason: [String: [String]] = [:]
                for c in result.criteria {
                    guard let reason = c.verdictReason else { continue }
                    if criteriaByReason[reason] == nil { reasonOrder.append(reason) }
                    criteriaByReason[reason, default: []].append(c.criterion)
                }
                for reason in reasonOrder { print("  \(criteriaByReason[reason]!.joined(separator: ", ")): \(reason)") }
                if !result.dimensions.isEmpty {
                    print("\nDimension level (each coder's set of categories per case; MASI alpha counts partial overlaps partly):")
                    print(RowPrinter(headers: ["dimension", "cases", "multi_valued", "nominal_alpha", "masi_alpha"],
                                     rows: result.dimensions.map { d in
                                         [d.dimension, "\(d.cases)", "\(d.multiValued)", fmt(d.nominalAlpha), fmt(d.masiAlpha)]
                                     }).table())
                }
                if diagnostics { print("\n" + Self.diagnosticsText(result)) }
                let decisive = try data.decisiveDisagreements()
                print("\nDisagreements that decide a case's classification (resolved to each coder's value, the case's categories differ; adjudicate these first):")
                if decisive.isEmpty {
                    print("  none: no undecided disagreement changes a category")
                } else {
                    print(RowPrinter(headers: ["case", "passage", "criterion", "coders", "outcomes"], rows: decisive.map { x in
                        let d = x.disagreement
                        return [x.caseId, "\(d.unit.passageId)", d.criterion,
                                d.values.keys.sorted().map { "\($0): \(d.value(of: $0))" }.joined(separator: ", "),
                                x.outcomes.map(\.sentence).joined(separator: " | ")]
                    }).table())
                }
                print("\nCategory level (does each coder's evidence lead to the same classification?):")
                print(RowPrinter(headers: ["category", "cases", "pairable", "agreement", "alpha [95% bootstrap]", "verdict"],
                                 rows: result.categories.map { c in
                                     [c.category, "\(c.cases)", "\(c.pairableValues)", fmt(c.percentAgreement), Self.withInterval(c.alpha, c.alphaLow, c.alphaHigh), c.verdict.rawValue]
                                 }).table())
            }
        }
    }

    static func criterionRows(_ r: ReliabilityResult) -> RowPrinter {
        RowPrinter(headers: ["criterion", "units", "pairable_values", "prevalence", "percent_agreement", "alpha",
                             "alpha_ci_low", "alpha_ci_high", "alpha_interval_method", "dropped_replicates",
                             "alpha_se", "alpha_se_ci_low", "alpha_se_ci_high", "p_alpha_below_667", "kappa_kind", "kappa",
                             "kappa_ci_low", "kappa_ci_high", "gwet_ac1", "ac1_ci_low", "ac1_ci_high",
                             "unitizing_alpha", "verdict", "verdict_reason"],
                   rows: r.criteria.map { c in
                       [c.criterion, "\(c.units)", "\(c.pairableValues)", fmt(c.prevalence), fmt(c.percentAgreement),
                        fmt(c.alpha), fmt(c.alphaLow), fmt(c.alphaHigh), c.alphaIntervalMethod,
                        c.bootstrapReplicates > 0 ? "\(c.droppedReplicates)" : nil,
                        fmt(c.alphaAnalytic?.standardError), fmt(c.alphaAnalytic?.low), fmt(c.alphaAnalytic?.high),
                        fmt(c.probabilityBelow(0.667)),
                        c.kappaKind.rawValue, fmt(c.kappa), fmt(c.kappaInterval?.low), fmt(c.kappaInterval?.high),
                        fmt(c.ac1), fmt(c.ac1Interval?.low), fmt(c.ac1Interval?.high),
                        fmt(c.unitizing?.alpha), c.verdict.rawValue, c.verdictReason]
                   })
    }

    /// The compact table: one interval per coefficient, the method named once below the table.
    static func criterionTable(_ r: ReliabilityResult) -> RowPrinter {
        RowPrinter(headers: ["criterion", "units", "prev", "agree", "alpha [95% bootstrap]", "alpha [Gwet t]",
                             "kappa [Gwet t]", "AC1 [Gwet t]", "alphaU", "verdict"],
                   rows: r.criteria.map { c in
                       [c.criterion, "\(c.units)", fmt(c.prevalence), fmt(c.percentAgreement),
                        withInterval(c.alpha, c.alphaLow, c.alphaHigh),
                        withInterval(c.alphaAnalytic?.value, c.alphaAnalytic?.low, c.alphaAnalytic?.high),
                        withInterval(c.kappa, c.kappaInterval?.low, c.kappaInterval?.high),
                        withInterval(c.ac1, c.ac1Interval?.low, c.ac1Interval?.high),
                        fmt(c.unitizing?.alpha), c.verdict.rawValue]
                   })
    }

    /// Per criterion: tags per coder, pairwise PABAK / PI / BI, leave-one-coder-out alpha, disagreeing units.
    static func diagnosticsText(_ r: ReliabilityResult) -> String {
        var lines = ["Diagnostics per criterion (PI/BI: Byrt, Bishop & Carlin 1993; PABAK for two categories):"]
        lines.append(RowPrinter(headers: ["criterion"] + r.coders.map { "tagged_by_\($0)" } + ["pairs (PABAK, PI, BI)", "alpha_without"],
                                rows: r.criteria.compactMap { c -> [String?]? in
            let table: [[String?]] = c.values.map { v in c.coders.map { v.values[$0].map { $0 ? "1" : "0" } } }
            guard let data = try? ReliabilityData(units: table, coderNames: c.coders, categoryOrder: ["0", "1"]),
                  let d = try? AgreementDiagnostics(data) else { return nil }
            let tagged = r.coders.map { coder in d.marginals.first { $0.coder == coder }.map { "\($0.counts[1])/\($0.total)" } }
            let pairs = d.pairs.map { p in "\(p.first)-\(p.second): \(fmt(p.pabak) ?? "-"), \(fmt(p.prevalenceIndex) ?? "-"), \(fmt(p.biasIndex) ?? "-")" }
            let without = d.leaveOneOut.map { "\($0.coder): \(fmt($0.alpha) ?? "-")" }
            return [c.criterion] + tagged + [pairs.joined(separator: "; "), without.isEmpty ? nil : without.joined(separator: "; ")]
        }).table())
        let disagreeing = r.criteria.filter { !$0.disagreements.isEmpty }
        if !disagreeing.isEmpty {
            lines.append("\nUnits where the coders disagree, per criterion:")
            for c in disagreeing {
                lines.append("  \(c.criterion): " + c.disagreements.map { "p\($0.unit.passageId) \($0.unit.caseId)" }.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func withInterval(_ v: Double?, _ lo: Double?, _ hi: Double?) -> String? {
        guard let v = fmt(v) else { return nil }
        guard let lo = fmt(lo), let hi = fmt(hi) else { return v }
        return "\(v) [\(lo), \(hi)]"
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
    var dimensions: [DimensionReliability]
    /// The thresholds the verdicts used and where they come from.
    var thresholds: ReliabilityThresholds
    /// Open disagreements whose resolution changes a case's categories.
    var decisiveDisagreements: [DecisiveDisagreement]

    init(round: String, result: ReliabilityResult, decisive: [DecisiveDisagreement]) {
        self.round = round
        units = result.units.count
        coders = result.coders
        singleCodedUnits = result.singleCodedUnits.count
        criteria = result.criteria
        categories = result.categories
        dimensions = result.dimensions
        thresholds = result.thresholds
        decisiveDisagreements = decisive
    }
}
