import Foundation
import Reconciliation

/// The reliability data behind a report, one CSV per criterion in the units-by-coders layout: a `unit`
/// column (passage and case), one column per coder, 1 present, 0 absent, empty where the coder did not
/// finish the unit. `dossier agreement FILE` reads it as it is; in R, `irr::kripp.alpha(t(as.matrix(
/// read.csv(FILE)[-1])))` and `irrCAC::krippen.alpha.raw(read.csv(FILE)[-1])`.
public enum ReliabilityDataExport {
    /// The CSV text for one criterion.
    public static func csv(_ c: CriterionReliability) -> String {
        var lines = [(["unit"] + c.coders).map(field).joined(separator: ",")]
        for v in c.values {
            let id = "p\(v.unit.passageId) \(v.unit.caseId)"
            lines.append(([id] + c.coders.map { coder in v.values[coder].map { $0 ? "1" : "0" } ?? "" }).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file name for a criterion id (letters, digits, `.`, `_` and `-` kept).
    public static func fileName(_ criterion: String) -> String {
        String(criterion.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" }) + ".csv"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
