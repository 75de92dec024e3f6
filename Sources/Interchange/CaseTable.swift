import Codebook
import Foundation
import Reconciliation

/// One row per case, in the layout R's QCA package (`truthTable`, `minimize`) and CausalQueries
/// (`update_model(model, data)`) read directly: the case id, its recipient and operation
/// attributes, then one 1/0/NA column per criterion and per derived category.
///
/// Coding of the condition columns: criterion `established` → 1, `absent` (the evidence shows it
/// is not met) → 0, `contested` or `not_yet_coded` → NA; category member → 1, not a member → 0,
/// indeterminate (it depends on contested or uncoded criteria) → NA. NA is written `NA` in CSV
/// (R's and pandas' default missing-value marker) and `null` in JSON.
public struct CaseTable: Sendable {
    /// Column names, in order.
    public let columns: [String]
    /// Rows: nil is NA.
    public let rows: [[String?]]
    /// Columns holding numbers (years and the 0/1 conditions), written unquoted in JSON.
    let numeric: Set<String>

    public static let attributeColumns = ["case", "recipient", "recipient_name", "operation", "operation_name",
                                          "framework", "start_year", "end_year"]

    /// 1, 0 or nil for a criterion status (established, refuted, or unknown: contested, not found).
    public static func value(_ status: CriterionStatus) -> String? {
        switch status {
        case .established: "1"
        case .refuted: "0"
        case .contested, .notFound: nil
        }
    }

    public init(classifications: [CaseClassification], codebook: Codebook, register: Register) {
        let criteria = codebook.allCriteria.map(\.id)
        let categories = codebook.allCategories.map(\.id)
        let cases = Dictionary(register.cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let operations = Dictionary(register.operations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let actors = Dictionary(register.actors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        columns = Self.attributeColumns + criteria + categories
        numeric = Set(["start_year", "end_year"] + criteria + categories)
        rows = classifications.sorted { $0.caseId < $1.caseId }.map { k in
            let c = cases[k.caseId]
            let op = c.flatMap { operations[$0.operation] }
            var row: [String?] = [k.caseId, c?.recipient, c.flatMap { actors[$0.recipient]?.name }, c?.operation, op?.name,
                                  op?.framework.rawValue, op.map { "\($0.startYear)" }, op?.endYear.map { "\($0)" }]
            let statuses = k.statuses
            row += criteria.map { Self.value(statuses[$0] ?? .notFound) }
            let membership = Dictionary(k.classifications.flatMap(\.entries).map { ($0.category, $0.outcome.membership) },
                                        uniquingKeysWith: { a, _ in a })
            row += categories.map { id -> String? in
                switch membership[id] {
                case .member?: return "1"
                case .notMember?: return "0"
                default: return nil
                }
            }
            return row
        }
    }

    /// RFC 4180 CSV with a header row; NA for missing; LF line ends.
    public func csv() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [columns.map(field).joined(separator: ",")]
        for row in rows {
            lines.append(row.enumerated().map { j, v in
                // A missing text attribute is an empty string; a missing number or condition is NA.
                guard let v else { return numeric.contains(columns[j]) ? "NA" : "" }
                return field(v)
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON array of row objects (pandas.read_json, jsonlite::fromJSON); NA is null, conditions are numbers.
    public func json() -> String {
        let objects: [[String: Any]] = rows.map { row in
            var o: [String: Any] = [:]
            for (j, v) in row.enumerated() {
                let name = columns[j]
                if let v, numeric.contains(name), let n = Int(v) { o[name] = n } else if let v { o[name] = v } else { o[name] = NSNull() }
            }
            return o
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
