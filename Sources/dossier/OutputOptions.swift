import ArgumentParser
import Foundation

/// How a command prints data. Diagnostics always go to standard error.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format table|json|csv`, shared by every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for people), json (one document, snake_case keys) or csv (RFC 4180, header row).")
    var format: OutputFormat = .table
}

/// Writes to standard error, so that standard output stays clean for pipes into R or Python.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Renders rows as an aligned text table, CSV, or a JSON array of objects keyed by the headers.
/// Headers should already be snake_case so CSV and JSON share the names.
struct RowPrinter {
    var headers: [String]
    var rows: [[String?]]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    func table() -> String {
        var widths = headers.map { $0.count }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(60, (cell ?? "").count))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let clipped = c.count > 60 ? String(c.prefix(59)) + "…" : c
                return i == cells.count - 1 ? clipped : clipped.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map { line($0.map { ($0 ?? "").replacingOccurrences(of: "\n", with: " ") }) }
        return out.joined(separator: "\n")
    }

    func csv() -> String {
        // Appended field by field into one string (mapping and joining every row made an array and
        // a string per row; at 200k rows that was most of `mentions`' time).
        var out = ""
        func append(_ row: [String?]) {
            for (i, field) in row.enumerated() {
                if i > 0 { out += "," }
                out += CSVField.escape(field ?? "")
            }
        }
        append(headers)
        for row in rows {
            out += "\n"
            append(row)
        }
        return out
    }

    /// Columns that look numeric but are labels: a page "12" may be "xii" in the next document.
    static let textColumns: Set<String> = ["page", "first_page", "doc_number", "volume_number", "anchor", "iso3", "years",
                                           "period", "hash", "version", "name", "title", "note", "text", "snippet", "quote"]

    /// JSON types per column: numbers where every value in the column is a number, true/false where
    /// every value is yes or no, strings otherwise; so R and pandas read numbers as numbers.
    func json() -> String {
        enum Kind { case number, boolean, text }
        let kinds: [Kind] = headers.indices.map { i in
            guard !Self.textColumns.contains(headers[i]) else { return .text }
            let values = rows.compactMap { i < $0.count ? $0[i] : nil }.filter { !$0.isEmpty }
            guard !values.isEmpty else { return .text }
            if values.allSatisfy({ Self.number($0) != nil }) { return .number }
            if values.allSatisfy({ $0 == "yes" || $0 == "no" }) { return .boolean }
            return .text
        }
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [:]
            for (i, h) in headers.enumerated() {
                guard let cell = i < row.count ? row[i] : nil, !(cell.isEmpty && kinds[i] != .text) else { object[h] = NSNull(); continue }
                switch kinds[i] {
                case .number: object[h] = Self.number(cell)!
                case .boolean: object[h] = cell == "yes"
                case .text: object[h] = cell
                }
            }
            return object
        }
        return JSONText.encode(objects)
    }

    /// The number a cell holds, if it is one as written (no leading zeros, no "nan", no "+").
    static func number(_ cell: String) -> NSNumber? {
        if cell.range(of: #"^-?(0|[1-9][0-9]*)$"#, options: .regularExpression) != nil, let i = Int64(cell) { return NSNumber(value: i) }
        if cell.range(of: #"^-?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
           let d = Double(cell), d.isFinite { return NSNumber(value: d) }
        return nil
    }
}

enum CSVField {
    static func escape(_ field: String) -> String {
        // ASCII without a carriage return (almost every field): each byte is one Character, so
        // the bytes decide as the Characters below would (a CR may start the one-Character CRLF,
        // and a non-ASCII scalar may combine with a comma, so those fields take the Character path).
        var quote = false, bytewise = true
        for byte in field.utf8 {
            if byte >= 0x80 || byte == 0x0D { bytewise = false; break }
            if byte == 0x2C || byte == 0x22 || byte == 0x0A { quote = true }
        }
        if bytewise && !quote { return field }
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}

enum JSONText {
    /// Pretty, key-sorted JSON for any JSONSerialization-compatible value.
    static func encode(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Encodes an Encodable value with snake_case keys.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // ISO 8601 UTC (2026-11-29T05:50:16Z): what pandas, R and jq read as a time, never seconds since 2001.
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
