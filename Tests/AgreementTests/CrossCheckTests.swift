import Testing
@testable import Agreement

/// Fixed tables with expected values computed by Python `krippendorff` 0.9.0 (alpha) and `irrCAC` 0.4.4
/// (CAC(...).fleiss/conger/bp/gwet/krippendorff, digits=15), produced by
/// `python3 Benchmarks/agreement/crosscheck.py --emit-swift` (seed 2024, the first four random tables),
/// so the cross-check is enforced by `swift test` without Python. Tolerance 1e-9.
struct CrossCheckCase: Sendable {
    let level: MeasurementLevel
    let weights: AgreementWeights
    let table: [[Double?]]
    let expected: [String: Double]
}

let crossCheckCases: [CrossCheckCase] = [
    CrossCheckCase(level: .nominal, weights: .identity, table: [[3, 2, 3], [3, 2, 7], [2, 3, 3], [nil, nil, nil], [4, 7, 3], [3, 3, nil], [7, 3, 4], [nil, 2, nil], [3, 3, 7], [nil, nil, 7], [3, 4, 2], [2, nil, nil], [3, 3, nil], [nil, nil, nil], [4, nil, nil], [nil, 3, 7], [7, 3, 7], [3, 4, 3], [7, 4, 2], [4, 7, 7], [nil, 7, 4], [nil, 7, 7], [nil, 2, nil], [4, nil, 3], [3, nil, 7], [2, nil, 3], [4, 2, 4], [nil, 7, 4], [4, 4, 3], [nil, 2, 4], [nil, 3, 7], [7, 3, nil], [nil, 4, nil], [7, nil, 2]],
        expected: ["brennan_prediger": -0.042735042735043, "brennan_prediger_ci_high": 0.13053894192748, "brennan_prediger_ci_low": -0.216009027397565, "brennan_prediger_se": 0.084958490942376, "conger_kappa": -0.057042486491596, "conger_kappa_ci_high": 0.113021707255314, "conger_kappa_ci_low": -0.227106680238505, "conger_kappa_se": 0.083384688660619, "fleiss_kappa": -0.050562585144613, "fleiss_kappa_ci_high": 0.117996026720459, "fleiss_kappa_ci_low": -0.219121197009684, "fleiss_kappa_se": 0.082646482259235, "gwet_ac1": -0.040151718395856, "gwet_ac1_ci_high": 0.135663982187911, "gwet_ac1_ci_low": -0.215967418979622, "gwet_ac1_se": 0.086204727355151, "krippendorff_alpha": -0.07086614173228356, "krippendorff_alpha_se": 0.069760105198648]),
    CrossCheckCase(level: .interval, weights: .quadratic, table: [[3, 3], [5, 5], [5, 3], [5, 5], [3, 3], [3, 3], [3, 3], [5, 5], [3, 5], [5, 5], [3, 3], [3, 3], [3, 3], [3, 3], [5, 5], [5, 5], [3, 3], [3, 3], [3, 3], [5, 5], [3, 3], [5, 5], [3, 5], [5, 5], [3, 3], [5, 5], [5, 5], [5, 3], [5, 3], [3, 3], [3, 3], [5, 3], [3, 5]],
        expected: ["brennan_prediger": 0.575757575757576, "brennan_prediger_ci_high": 0.870168267727254, "brennan_prediger_ci_low": 0.281346883787897, "brennan_prediger_se": 0.144536242638931, "cohen_kappa": 0.569832402234637, "cohen_kappa_ci_high": 0.867316485513008, "cohen_kappa_ci_low": 0.272348318956266, "cohen_kappa_se": 0.146045075178081, "conger_kappa": 0.569832402234637, "conger_kappa_ci_high": 0.867316485513008, "conger_kappa_ci_low": 0.272348318956266, "conger_kappa_se": 0.146045075178081, "fleiss_kappa": 0.569431500465984, "fleiss_kappa_ci_high": 0.867715341101238, "fleiss_kappa_ci_low": 0.271147659830729, "fleiss_kappa_se": 0.146437703321487, "gwet_ac2": 0.581900452488688, "gwet_ac2_ci_high": 0.87600715596565, "gwet_ac2_ci_low": 0.287793749011725, "gwet_ac2_se": 0.14438700432748, "krippendorff_alpha": 0.5759552656104381, "krippendorff_alpha_se": 0.146437703321487, "scott_pi": 0.569431500465984, "scott_pi_ci_high": 0.867715341101238, "scott_pi_ci_low": 0.271147659830729, "scott_pi_se": 0.146437703321487]),
    CrossCheckCase(level: .ordinal, weights: .linear, table: [[7, 2, 2], [nil, 7, 2], [2, 2, 7], [2, 2, 2], [2, 2, 2], [7, 2, 7], [2, 7, 7], [7, 2, 7], [7, nil, 2], [7, 7, 2], [7, 2, 7], [2, 7, 2], [2, 2, 2], [nil, 7, 7], [7, 2, 2], [2, 7, 7], [2, 2, 7], [2, 7, 2], [2, 7, 2], [7, 2, 2], [2, 7, 2], [2, nil, 7], [2, 7, 7], [7, nil, 7], [7, 7, 2], [7, 7, 7], [7, 2, 7], [2, 2, nil], [2, 2, 2], [2, nil, 2], [2, 2, 7], [nil, nil, 7]],
        expected: ["brennan_prediger": -0.010752688172043, "brennan_prediger_ci_high": 0.240312320507487, "brennan_prediger_ci_low": -0.261817696851572, "brennan_prediger_se": 0.123100442962577, "conger_kappa": -0.020379304608218, "conger_kappa_ci_high": 0.226168953436163, "conger_kappa_ci_low": -0.266927562652599, "conger_kappa_se": 0.120885821311943, "fleiss_kappa": -0.016155424260232, "fleiss_kappa_ci_high": 0.230930392407885, "fleiss_kappa_ci_low": -0.263241240928348, "fleiss_kappa_se": 0.121149393304903, "gwet_ac2": -0.005407099211392, "gwet_ac2_ci_high": 0.25362799394988, "gwet_ac2_ci_low": -0.264442192372664, "gwet_ac2_se": 0.127008279165287, "krippendorff_alpha": -0.025219298245614086]),
    CrossCheckCase(level: .ratio, weights: .identity, table: [[1, 7, 7, 7], [nil, 7, nil, 7], [7, 7, 7, 7], [7, 1, 1, 1], [1, 1, 1, 1], [nil, 1, nil, 1], [7, 7, 7, nil], [7, 7, 7, 7], [7, 7, 7, nil], [7, 7, 7, 7], [nil, 1, 1, nil], [nil, 7, 1, nil], [1, nil, 1, nil], [7, 7, 7, 7], [nil, 7, nil, nil], [1, nil, nil, 1], [nil, nil, 7, nil], [1, nil, 1, 1], [7, 7, nil, 7], [7, 7, 7, nil], [nil, 7, 1, 7], [1, 7, 7, 7], [7, 7, 7, 7], [1, 1, 1, nil], [7, 7, 7, 7], [7, nil, 1, 1], [7, 7, 7, 7], [7, nil, nil, 7], [1, 1, nil, nil], [7, 7, nil, 7], [nil, 1, 1, 1]],
        expected: ["brennan_prediger": 0.735632183908046, "brennan_prediger_ci_high": 0.956757173633794, "brennan_prediger_ci_low": 0.514507194182297, "brennan_prediger_se": 0.108273991084534, "conger_kappa": 0.710408996021049, "conger_kappa_ci_high": 0.95077887255481, "conger_kappa_ci_low": 0.470039119487288, "conger_kappa_se": 0.117697262082795, "fleiss_kappa": 0.71919594223336, "fleiss_kappa_ci_high": 0.957174783103889, "fleiss_kappa_ci_low": 0.481217101362831, "fleiss_kappa_se": 0.116526489957923, "gwet_ac1": 0.750250704090078, "gwet_ac1_ci_high": 0.963693847435185, "gwet_ac1_ci_low": 0.536807560744971, "gwet_ac1_se": 0.104512570145354, "krippendorff_alpha": 0.7122844827586208, "krippendorff_alpha_se": 0.105463549625961]),
]

/// Our values under the JSON keys the command prints.
func flatten(_ table: [[Double?]], level: MeasurementLevel, weights: AgreementWeights) throws -> [String: Double?] {
    let data = try ReliabilityData(numbers: table)
    var options = AgreementReport.Options()
    options.level = level
    options.weights = weights
    let report = try AgreementReport(data, options: options)
    var out: [String: Double?] = ["krippendorff_alpha": report.alpha?.value,
                                  "krippendorff_alpha_se": report.alpha?.gwetEstimate.standardError]
    for e in report.estimates {
        out[e.name] = e.value
        out[e.name + "_se"] = e.standardError
        out[e.name + "_ci_low"] = e.ciLow
        out[e.name + "_ci_high"] = e.ciHigh
    }
    return out
}

@Suite("Cross-check against Python krippendorff and irrCAC")
struct CrossCheckTests {
    @Test("Fixed random tables agree with krippendorff.alpha and irrCAC to 1e-9", arguments: crossCheckCases.indices)
    func fixedTable(index: Int) throws {
        let c = crossCheckCases[index]
        let ours = try flatten(c.table, level: c.level, weights: c.weights)
        for (key, expected) in c.expected {
            let value = try #require(ours[key] ?? nil, "\(key) missing")
            #expect(abs(value - expected) <= 1e-9 * max(1, abs(expected)), "\(key): irrCAC/krippendorff \(expected), ours \(value)")
        }
    }
}
