import Agreement
import ArgumentParser
import Foundation
import ProjectStore
import Reconciliation

/// `dossier plan`: how many units a reliability sample needs, and what a round achieves.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Reliability sample size: units needed for a minimum alpha, and what a round achieves.",
        discussion: """
        Krippendorff (2019, ch. 12) gives the units a reliability sample needs (two coders) so that \
        alpha can be shown to exceed alpha_min at a significance level, given the share p_c of the \
        least frequent value expected, using Bloch & Kraemer's (1989) formula:

          N = 2 z^2 [ (1 + a)(3 - a) / (4 (1 - a) p_c (1 - p_c)) - a ],  a = alpha_min, z one-sided

        For a present/absent criterion, p_c is the share of the rarer value (usually "present"). \
        Without --smallest-share, prints the table for p_c = 1/2 ... 1/10, .05 and .01. \
        With --round, reports for each criterion the units the round achieved against the units \
        needed at the share it observed (reading the round's codings: refused while it is blind).

        Examples:
          dossier plan --smallest-share 0.1                 # one number: units for alpha >= .800
          dossier plan --alpha-min 0.667 --significance 0.01
          dossier plan --db study.sqlite --round rel-1 --format csv
        """
    )

    @Option(name: .customLong("alpha-min"), help: "The smallest acceptable alpha (default .800; with --round, the codebook's reliability thresholds).")
    var alphaMinOption: Double?

    @Option(name: .customLong("significance"), help: "Significance level of the one-sided test (default .05, or the codebook's).")
    var significanceOption: Double?

    /// As typed, or the defaults; with --round and neither typed, the codebook's thresholds apply.
    var alphaMin: Double { alphaMinOption ?? 0.8 }
    var significance: Double { significanceOption ?? 0.05 }

    @Option(name: .customLong("smallest-share"), help: "Expected share of the least frequent value, between 0 and 1.")
    var smallestShare: Double?

    @Option(help: "A round: report what it achieves per criterion.")
    var round: String?

    @OptionGroup var project: ProjectOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard alphaMin > 0, alphaMin < 1 else { throw ValidationError("--alpha-min must be between 0 and 1 (e.g. 0.8).") }
        guard significance > 0, significance < 0.5 else { throw ValidationError("--significance must be between 0 and 0.5 (e.g. 0.05).") }
        if let s = smallestShare, !(s > 0 && s < 1) { throw ValidationError("--smallest-share must be between 0 and 1 (e.g. 0.1).") }
    }

    func run() throws {
        try reportingErrors {
            if let round {
                let data = try RoundData.load(try project.openForReading(), round: round, as: identity.viewer)
                let result = try data.reliability(bootstrap: 0, seed: 1)
                // The codebook's `reliability:` thresholds, unless --alpha-min or --significance was given.
                let thresholds = alphaMinOption != nil || significanceOption != nil
                    ? ReliabilityThresholds(reliable: max(alphaMin, 0.8), tentative: min(alphaMin, 0.667), significance: significance)
                    : ReliabilityThresholds(codebook: data.codebook.definition)
                let rows = SampleAdequacy.assess(result, thresholds: thresholds).map { a -> [String?] in
                    [a.criterion, "\(a.pairableUnits)", fmt(a.smallestShare), a.neededForTentative.map { "\($0)" },
                     a.neededForReliable.map { "\($0)" },
                     a.neededForTentative == nil ? "no variation: no test possible"
                         : thresholds.minimumUnits.map { a.pairableUnits < $0 } == true ? "short of the codebook's min_units \(thresholds.minimumUnits!)"
                         : a.sufficient ? "sufficient" : "short by \(a.neededForTentative! - a.pairableUnits)"]
                }
                let printer = RowPrinter(headers: ["criterion", "units_achieved", "smallest_share",
                                                   "units_needed_\(Self.key(thresholds.tentative))",
                                                   "units_needed_\(Self.key(thresholds.reliable))", "status"], rows: rows)
                if output.format == .table {
                    print("Round \(round): \(result.units.count) unit(s) coded by two or more coders. Units needed at each criterion's observed share of its rarer value, significance \(ReliabilityThresholds.text(thresholds.significance)) (Krippendorff 2019; Bloch & Kraemer 1989); thresholds: \(thresholds.source).\n")
                }
                print(Self.render(printer, output.format))
                return
            }
            if let smallestShare {
                let n = ReliabilitySampleSize.requiredUnits(minimumAlpha: alphaMin, significance: significance, smallestShare: smallestShare)!
                switch output.format {
                case .table:
                    print("\(n) units (two coders) to show alpha >= \(alphaMin) at significance \(significance) when the least frequent value has share \(smallestShare) (Krippendorff 2019; Bloch & Kraemer 1989).")
                default:
                    print(Self.render(RowPrinter(headers: ["alpha_min", "significance", "smallest_share", "units_needed"],
                                                 rows: [["\(alphaMin)", "\(significance)", "\(smallestShare)", "\(n)"]]), output.format))
                }
                return
            }
            let minimums = Array(Set([0.667, 0.8, 0.9, alphaMin])).sorted()
            let shares: [(String, Double)] = (2...10).map { ("1/\($0)", 1 / Double($0)) } + [(".05", 0.05), (".01", 0.01)]
            let rows = shares.map { label, p -> [String?] in
                [label, String(format: "%.4f", p)] + minimums.map { a in
                    ReliabilitySampleSize.requiredUnits(minimumAlpha: a, significance: significance, smallestShare: p).map { "\($0)" }
                }
            }
            let printer = RowPrinter(headers: ["smallest_share", "p_c"] + minimums.map { "alpha_min_\(Self.key($0))" }, rows: rows)
            if output.format == .table {
                print("Units needed (two coders) at significance \(significance), by share of the least frequent value (Krippendorff 2019; Bloch & Kraemer 1989):\n")
            }
            print(Self.render(printer, output.format))
        }
    }

    /// Tables and CSV as RowPrinter prints them; JSON with numbers as JSON numbers.
    static func render(_ printer: RowPrinter, _ format: OutputFormat) -> String {
        guard format == .json else { return printer.render(format) }
        let objects: [[String: Any]] = printer.rows.map { row in
            var o: [String: Any] = [:]
            for (i, h) in printer.headers.enumerated() {
                let cell = i < row.count ? row[i] : nil
                if let cell, let n = Int(cell) { o[h] = n } else if let cell, let x = Double(cell) { o[h] = x } else { o[h] = cell ?? NSNull() }
            }
            return o
        }
        return JSONText.encode(objects)
    }

    /// "0.667" → "667" for column names.
    static func key(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        if s.hasPrefix("0.") { s.removeFirst(2) }
        return s
    }
}
