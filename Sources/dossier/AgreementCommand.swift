import Agreement
import ArgumentParser
import Foundation

/// `dossier agreement`: inter-coder reliability of a CSV reliability table.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-coder reliability: Krippendorff's alpha, kappas, AC1, with uncertainty.",
        discussion: """
        LAYOUTS (--layout)
          units-by-coders (default): a header row of coder names, then one row per unit. A column
            headed unit, unit_id, id, item or subject (any case) holds unit ids and is not a coder;
            name another with --id-column.
              unit,ana,ben,cho
              memo-1,1,1,
              memo-2,2,3,2
          coders-by-units: one row per coder: name, then one value per unit (Krippendorff's
            canonical form). A first row starting with `coder` is a header of unit ids.
              coder,memo-1,memo-2
              ana,1,2
              ben,1,3
          long: one row per coding, `unit,coder,value` (header optional); unlisted pairs are missing.

        READING VALUES
          Missing: empty cells, NA, N/A, NaN and . (any case); --missing "NA,-99" sets your own list
          (an empty cell is always missing). Numbers compare as numbers: 1, 1.0, 01 and +1 are one
          value. Ordinal values given as words need their order: --categories low,mid,high, or the
          command stops (it never guesses an order from the spelling). Duplicate coder names and
          coders with no value at all are reported on stderr (an empty coder column is left out).
          A single unit gives alpha "undefined": alpha compares units.

        BOOTSTRAP (--bootstrap N)
          Default: the pairable units are resampled with their values and alpha is recomputed in full
          for each replicate; replicates in which alpha is undefined are dropped and counted; the 95%
          interval is the 2.5-97.5% percentile (--interval bca for BCa). P(alpha < min) is given for
          .667, .800 and --min-alpha, except when the coders never disagree. --bootstrap-method
          kalpha reproduces Hayes' KALPHA macro (pairs of values, expected disagreement fixed) for
          comparison with published KALPHA output only. Gwet's analytic SE and t interval are a
          separate row labelled gwet_se_t.

        LEVELS (--level, for alpha)
          nominal  labels; any two different values disagree equally ("war" vs "peace").
          ordinal  ranks ("low" < "mid" < "high"; give the order with --categories low,mid,high).
          interval numbers; disagreement grows with the squared difference (1 vs 3 is 4x 1 vs 2).
          ratio    numbers with a true zero; ((a-b)/(a+b))^2. Interval and ratio need numbers.
        Kappa-type coefficients use --weights identity|linear|quadratic instead (irrCAC's).

        EXAMPLES
          dossier agreement codes.csv --level ordinal --categories low,mid,high --bootstrap 10000 --seed 7
          dossier agreement codes.csv --bootstrap 2000 --interval bca --format csv > alpha.csv
          dossier agreement survey.csv --id-column respondent --missing "NA,-99"
          dossier agreement long.csv --layout long --format json

        Undefined coefficients (e.g. alpha when every value is the same category) print as \
        "undefined" (null in JSON) with the reason.
        """
    )

    @Argument(help: "CSV file with the reliability data.")
    var file: String

    @Option(help: "Table layout: units-by-coders, coders-by-units or long.")
    var layout: ReliabilityCSV.Layout = .unitsByCoders

    @Option(help: "Level of measurement for alpha: nominal, ordinal, interval or ratio.")
    var level: MeasurementLevel = .nominal

    @Option(help: "Weights for the kappa-type coefficients: identity, linear or quadratic.")
    var weights: AgreementWeights = .identity

    @Option(help: "Comma-separated coefficients: percent,alpha,cohen,scott,fleiss,conger,bp,gwet (default: all).")
    var coefficients: String?

    @Option(help: "Declared categories in order, comma-separated (for ordinal labels, or to count unused categories).")
    var categories: String?

    @Option(help: "Cells that are missing values, comma-separated, any case (default: NA,N/A,NaN,.; an empty cell always is).")
    var missing: String?

    @Option(name: .customLong("id-column"), help: "Header of the unit id column (default: unit, unit_id, id, item or subject).")
    var idColumn: String?

    @Option(help: "Bootstrap replicates for alpha's interval; 0 = none.")
    var bootstrap: Int = 0

    @Option(name: .customLong("bootstrap-method"), help: "What the bootstrap resamples: units (default: pairable units with their values, alpha recomputed in full) or kalpha (pairs of values with expected disagreement fixed, as Hayes' KALPHA macro; only to reproduce published KALPHA output).")
    var bootstrapMethod: AlphaBootstrap.Method = .units

    @Option(help: "How the bootstrap interval is read: percentile (default) or bca (bias-corrected and accelerated, Efron 1987).")
    var interval: BootstrapIntervalChoice = .percentile

    @Option(help: "Seed for the bootstrap, for reproducible results.")
    var seed: UInt64 = 1

    @Option(name: .customLong("min-alpha"), help: "Minimum acceptable alpha; the bootstrap reports the probability of falling below it (also .667 and .800).")
    var minAlpha: Double = 0.8

    @Flag(help: "Also print diagnostics: per-coder marginals, pairwise confusion matrices with prevalence and bias indices and PABAK, alpha with each coder left out (3+ coders), and the units carrying most disagreement.")
    var diagnostics = false

    @OptionGroup var output: OutputOptions

    static let coefficientNames: [String: ChanceCorrectedAgreement.Coefficient?] = [
        "percent": .percentAgreement, "alpha": nil, "cohen": .cohenKappa, "scott": .scottPi, "fleiss": .fleissKappa,
        "conger": .congerKappa, "bp": .brennanPrediger, "gwet": .gwetAC,
    ]

    func validate() throws {
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more.") }
        if let coefficients {
            for name in coefficients.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
            where Self.coefficientNames[name] == nil {
                throw ValidationError("Unknown coefficient \"\(name)\". Choose from: percent, alpha, cohen, scott, fleiss, conger, bp, gwet.")
            }
        }
    }

    func run() throws {
        var options = AgreementReport.Options()
        options.level = level
        options.weights = weights
        options.bootstrapReplicates = bootstrap
        options.seed = seed
        options.bootstrapMethod = bootstrapMethod
        options.bootstrapInterval = interval == .bca ? .bca : .percentile
        options.minimums = Array(Set([0.667, 0.8, minAlpha])).sorted()
        if let coefficients {
            let names = coefficients.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            options.alpha = names.contains("alpha")
            options.coefficients = ChanceCorrectedAgreement.Coefficient.allCases.filter { c in
                names.contains { Self.coefficientNames[$0] == .some(c) }
            }
        }
        let report: AgreementReport
        var loadedData: ReliabilityData? = nil
        do {
            let declared = categories.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            var read = ReliabilityCSV.Options(layout: layout, level: options.alpha ? level : .nominal, categoryOrder: declared,
                                              idColumn: idColumn)
            if let missing { read.missing = missing.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let loaded = try ReliabilityCSV.load(path: file, options: read)
            for warning in loaded.warnings { printError("warning: \(warning)") }
            loadedData = loaded.data
            report = try AgreementReport(loaded.data, options: options)
        } catch let error as AgreementError {
            printError("error: \(error.description)")
            throw ExitCode.failure
        }
        var diag: AgreementDiagnostics? = nil
        if diagnostics {
            do { diag = try AgreementDiagnostics(loadedData!, level: options.alpha ? level : .nominal) } catch let error as AgreementError {
                printError("error: \(error.description)")
                throw ExitCode.failure
            }
        }
        switch output.format {
        case .json:
            var o = json(report)
            if let diag { o["diagnostics"] = Self.json(diag) }
            print(JSONText.encode(o))
        case .csv: print(RowPrinter(headers: ["coefficient", "value", "se", "ci_low", "ci_high", "interval_method", "note"], rows: rows(report)).csv())
        case .table:
            print(table(report))
            if let diag { print("\n" + Self.table(diag)) }
        }
        if diag != nil, output.format == .csv {
            printError("note: --diagnostics are printed in the table and JSON formats only")
        }
    }

    // MARK: output

    private static func number(_ x: Double?) -> Any { x.map { $0 as Any } ?? NSNull() }

    func json(_ r: AgreementReport) -> [String: Any] {
        var o: [String: Any] = [
            "file": file, "units": r.units, "coders": r.coders.count, "coder_names": r.coders,
            "categories": r.categories, "pairable_values": r.pairableValues,
            "level": level.rawValue, "weights": weights.rawValue,
        ]
        var reasons: [String: String] = [:]
        let cm = r.coincidences
        o["prevalence"] = Dictionary(uniqueKeysWithValues: zip(r.categories, cm.prevalence.map(Self.number)))
        o["per_category_agreement"] = Dictionary(uniqueKeysWithValues: zip(r.categories, cm.perCategoryAgreement.map(Self.number)))
        let q = r.categories.count
        o["coincidence_matrix"] = (0..<q).map { c in (0..<q).map { cm[c, $0] } }
        if let conf = r.confusion {
            o["confusion_matrix"] = (0..<q).map { a in (0..<q).map { conf.counts[a * q + $0] } }
        }
        if let a = r.alpha {
            o["krippendorff_alpha"] = Self.number(a.value)
            o["krippendorff_alpha_se"] = Self.number(a.gwetEstimate.standardError)
            o["observed_disagreement"] = a.observedDisagreement
            o["expected_disagreement"] = a.expectedDisagreement
            if let reason = a.undefinedReason { reasons["krippendorff_alpha"] = reason }
            o["krippendorff_alpha_se_ci_low"] = Self.number(a.gwetEstimate.ciLow)
            o["krippendorff_alpha_se_ci_high"] = Self.number(a.gwetEstimate.ciHigh)
            o["alpha_ci_low"] = Self.number(r.bootstrap?.ciLow)
            o["alpha_ci_high"] = Self.number(r.bootstrap?.ciHigh)
            if bootstrap > 0 {
                let b = r.bootstrap
                o["bootstrap_replicates"] = bootstrap
                o["bootstrap_method"] = bootstrapMethod.rawValue
                o["bootstrap_interval"] = b.map { $0.intervalMethod.rawValue as Any } ?? NSNull()
                o["bootstrap_valid_replicates"] = Self.number(b.map { Double($0.validReplicates) })
                o["bootstrap_dropped_replicates"] = Self.number(b.map { Double($0.droppedReplicates) })
                o["bootstrap_draws_per_replicate"] = Self.number(b.map { Double($0.drawsPerReplicate) })
                o["bca_bias_correction"] = Self.number(b?.biasCorrection)
                o["bca_acceleration"] = Self.number(b?.acceleration)
                o["seed"] = seed
                o["min_alpha"] = minAlpha
                o["p_alpha_below_min"] = Self.number(b?.probabilityBelow(minAlpha))
                o["p_alpha_below_0_667"] = Self.number(b?.probabilityBelow(0.667))
                o["p_alpha_below_0_800"] = Self.number(b?.probabilityBelow(0.8))
                if let reason = b?.tailsOmittedReason { reasons["p_alpha_below_min"] = reason }
                if let note = b?.note { reasons["bootstrap_interval"] = note }
                if b == nil, a.value != nil { reasons["bootstrap"] = "no bootstrap replicate had a defined alpha" }
            }
        }
        for e in r.estimates {
            o[e.name] = Self.number(e.value)
            o[e.name + "_se"] = Self.number(e.standardError)
            o[e.name + "_ci_low"] = Self.number(e.ciLow)
            o[e.name + "_ci_high"] = Self.number(e.ciHigh)
            if let reason = e.undefinedReason { reasons[e.name] = reason }
        }
        o["undefined_reasons"] = reasons
        return o
    }

    private static func fmt(_ x: Double?) -> String? { x.map { String(format: "%.4f", $0) } }

    static func json(_ d: AgreementDiagnostics) -> [String: Any] {
        [
            "coder_marginals": Dictionary(uniqueKeysWithValues: d.marginals.enumerated().map { i, m in
                ("\(i + 1):\(m.coder)", Dictionary(uniqueKeysWithValues: zip(d.categories, m.counts)))
            }),
            "pairs": d.pairs.map { p -> [String: Any] in
                let q = d.categories.count
                return ["first": p.first, "second": p.second, "units": p.units,
                        "confusion_matrix": (0..<q).map { a in (0..<q).map { p.confusion[a * q + $0] } },
                        "observed_agreement": number(p.observedAgreement), "prevalence_index": number(p.prevalenceIndex),
                        "bias_index": number(p.biasIndex), "pabak": number(p.pabak), "cohen_kappa": number(p.cohenKappa)]
            },
            // Byrt et al.'s "yes" for prevalence_index = (a - d)/n and bias_index = (b - c)/n.
            "index_yes_category": d.categories.count == 2 ? d.categories[1] as Any : NSNull(),
            "alpha_leave_one_coder_out": d.leaveOneOut.map { ["coder": $0.coder, "alpha": number($0.alpha)] },
            "disagreement_units": d.disagreementUnits.prefix(20).map { u -> [String: Any] in
                ["unit": u.unitID ?? "\(u.unit + 1)", "share_of_disagreement": u.share]
            },
        ]
    }

    static func table(_ d: AgreementDiagnostics) -> String {
        var lines = ["Values per coder and category:"]
        lines.append(RowPrinter(headers: ["coder"] + d.categories + ["total"],
                                rows: d.marginals.map { m in [m.coder] + m.counts.map { "\($0)" } + ["\(m.total)"] }).table())
        lines.append("\nPairs of coders (PI/BI: Byrt, Bishop & Carlin 1993, \(d.categories.count == 2 ? "\"yes\" = \(d.categories[1]), " : "")PI = (a - d)/n, BI = (b - c)/n; PABAK = Brennan-Prediger for this pair):")
        lines.append(RowPrinter(headers: ["first", "second", "units", "p_o", "cohen_kappa", "pabak", "prevalence_index", "bias_index"],
                                rows: d.pairs.map { p in [p.first, p.second, "\(p.units)", fmt(p.observedAgreement), fmt(p.cohenKappa),
                                                          fmt(p.pabak), fmt(p.prevalenceIndex), fmt(p.biasIndex)] }).table())
        let q = d.categories.count
        for p in d.pairs {
            lines.append("\n\(p.first) (rows) x \(p.second) (columns):")
            lines.append(RowPrinter(headers: [""] + d.categories,
                                    rows: (0..<q).map { a in [d.categories[a]] + (0..<q).map { "\(p.confusion[a * q + $0])" } }).table())
        }
        if !d.leaveOneOut.isEmpty {
            lines.append("\nAlpha with each coder left out:")
            lines.append(RowPrinter(headers: ["left_out", "alpha"], rows: d.leaveOneOut.map { [$0.coder, fmt($0.alpha) ?? "undefined"] }).table())
        }
        if !d.disagreementUnits.isEmpty {
            lines.append("\nUnits carrying most of the disagreement (share of D_o):")
            lines.append(RowPrinter(headers: ["unit", "share"], rows: d.disagreementUnits.prefix(10).map { [$0.unitID ?? "row \($0.unit + 1)", fmt($0.share)] }).table())
        }
        return lines.joined(separator: "\n")
    }

    /// One row per figure and method: alpha's analytic (Gwet) and bootstrap intervals are separate rows.
    func rows(_ r: AgreementReport) -> [[String?]] {
        var rows: [[String?]] = []
        func text(_ x: Double?) -> String? { x.map { "\($0)" } }
        if let a = r.alpha {
            let e = a.gwetEstimate
            rows.append(["krippendorff_alpha", text(a.value), text(e.standardError), text(e.ciLow), text(e.ciHigh),
                         "gwet_se_t", a.undefinedReason ?? "\(level.rawValue); Gwet's (2014) analytic standard error, t interval"])
            if let b = r.bootstrap {
                var note = "\(level.rawValue); \(b.validReplicates) of \(b.replicates) replicates (seed \(seed))"
                if b.droppedReplicates > 0 { note += ", \(b.droppedReplicates) dropped: alpha undefined in them" }
                if let extra = b.note { note += "; \(extra)" }
                rows.append(["krippendorff_alpha", text(a.value), nil, text(b.ciLow), text(b.ciHigh),
                             "bootstrap_\(b.options.method.rawValue)_\(b.intervalMethod.rawValue)", note])
            } else if bootstrap > 0, a.value != nil {
                rows.append(["krippendorff_alpha", text(a.value), nil, nil, nil, "bootstrap_\(bootstrapMethod.rawValue)",
                             "no bootstrap replicate had a defined alpha"])
            }
        }
        for e in r.estimates {
            rows.append([e.name, text(e.value), text(e.standardError), text(e.ciLow), text(e.ciHigh),
                         e.standardError == nil ? nil : "gwet_se_t",
                         e.undefinedReason ?? (weights == .identity ? "" : "\(weights.rawValue) weights")])
        }
        return rows
    }

    func table(_ r: AgreementReport) -> String {
        var lines = ["\(file): \(r.units) units, \(r.coders.count) coders, \(r.categories.count) categories, \(r.pairableValues) pairable values", ""]
        var body: [[String?]] = []
        for row in rows(r) {
            let value = row[1].flatMap { Double($0) }
            let se = row[2].flatMap { Double($0) }
            let lo = row[3].flatMap { Double($0) }, hi = row[4].flatMap { Double($0) }
            body.append([row[0], Self.fmt(value) ?? "undefined", Self.fmt(se) ?? "",
                         lo != nil && hi != nil ? "[\(Self.fmt(lo)!), \(Self.fmt(hi)!)]" : "", row[5], row[6]])
        }
        lines.append(RowPrinter(headers: ["coefficient", "value", "se", "95% interval", "interval method", "note"], rows: body).table())
        if let b = r.bootstrap {
            lines.append("")
            if let reason = b.tailsOmittedReason { lines.append("P(alpha < minimum): not reported: \(reason).") }
            for t in b.tails {
                lines.append("P(alpha < \(String(format: "%.3f", t.minimum))) = \(String(format: "%.4f", t.probability))")
            }
        }
        lines.append("")
        let cm = r.coincidences
        var cats: [[String?]] = []
        for (i, c) in r.categories.enumerated() {
            cats.append([c, Self.fmt(cm.marginals[i]), Self.fmt(cm.prevalence[i]), Self.fmt(cm.perCategoryAgreement[i])])
        }
        lines.append(RowPrinter(headers: ["category", "pairable_values", "prevalence", "agreement"], rows: cats).table())
        return lines.joined(separator: "\n")
    }
}

/// The intervals a user may ask for (KALPHA's own reading comes with `--bootstrap-method kalpha`).
enum BootstrapIntervalChoice: String, CaseIterable, ExpressibleByArgument {
    case percentile, bca
}

extension ReliabilityCSV.Layout: ExpressibleByArgument {}
extension AlphaBootstrap.Method: ExpressibleByArgument {}
extension MeasurementLevel: ExpressibleByArgument {}
extension AgreementWeights: ExpressibleByArgument {}
