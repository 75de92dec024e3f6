import Foundation
import Reconciliation

/// The reliability data behind a report, one CSV per criterion in the units-by-coders layout: a `unit`
/// column (passage and case), one column per coder, 1 present (supports), 0 absent, 2 where the coder
/// tagged contradicting evidence, empty where the coder did not finish the unit (nominal values).
/// `dossier agreement FILE` reads it as it is; in R, `irr::kripp.alpha(t(as.matrix(
/// read.csv(FILE)[-1])))` and `irrCAC::krippen.alpha.raw(read.csv(FILE)[-1])`.
///
/// The same values also come as one long ("tidy") file, a row per unit, coder and criterion, for
/// R (`tidyr::pivot_wider`) and pandas (`DataFrame.pivot`): see ``longCSV(_:)``.
public enum ReliabilityDataExport {
    /// The CSV text for one criterion.
    public static func csv(_ c: CriterionReliability) -> String {
        var text = ""
        write(c, to: &text)
        return text
    }

    /// Writes ``csv(_:)``'s text to a stream, a line at a time (a file need not fit in memory twice).
    public static func write(_ c: CriterionReliability, to out: inout some TextOutputStream) {
        out.write((["unit"] + c.coders).map(field).joined(separator: ","))
        out.write("\n")
        for v in c.values {
            out.write(([unitId(v)] + c.coders.map { coder in code(v, coder) ?? "" }).map(field).joined(separator: ","))
            out.write("\n")
        }
    }

    /// Every criterion's values in one long CSV: `unit,passage_id,case_id,coder,criterion,value,label`,
    /// one row per unit, coder who finished it and criterion (value 0 no tag, 1 supports, 2
    /// contradicts; label in words). Units a coder did not finish have no row (missing).
    public static func longCSV(_ criteria: [CriterionReliability]) -> String {
        var text = ""
        writeLong(criteria, to: &text)
        return text
    }

    /// Writes ``longCSV(_:)``'s text to a stream, a row at a time.
    public static func writeLong(_ criteria: [CriterionReliability], to out: inout some TextOutputStream) {
        out.write("unit,passage_id,case_id,coder,criterion,value,label\n")
        for c in criteria {
            let criterion = field(c.criterion)
            for v in c.values {
                let unit = field(unitId(v)) + ",\(v.unit.passageId)," + field(v.unit.caseId) + ","
                for coder in c.coders {
                    guard let value = code(v, coder) else { continue }
                    let label = value == "2" ? "contradicts" : value == "1" ? "supports" : "no tag"
                    out.write(unit + field(coder) + "," + criterion + "," + value + "," + label + "\n")
                }
            }
        }
    }

    static func unitId(_ v: UnitValues) -> String { "p\(v.unit.passageId) \(v.unit.caseId)" }

    /// 0, 1 or 2 for a coder who finished the unit; nil otherwise.
    static func code(_ v: UnitValues, _ coder: String) -> String? {
        v.values[coder].map { $0 ? (v.contradicting.contains(coder) ? "2" : "1") : "0" }
    }

    /// A file name for a criterion id (letters, digits, `.`, `_` and `-` kept).
    public static func fileName(_ criterion: String) -> String {
        String(criterion.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" }) + ".csv"
    }

    static func field(_ s: String) -> String {
        // Checked on UTF-8 bytes: these are ASCII, and a long CSV checks every unit id and label.
        s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
