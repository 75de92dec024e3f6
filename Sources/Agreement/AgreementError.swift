import Foundation

/// What went wrong with reliability data, said where it happened (file, row, column) in words a
/// researcher can act on. Rows and columns are 1-based, as a spreadsheet shows them.
public enum AgreementError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file could not be opened or read.
    case unreadableFile(path: String)
    /// The file has no data rows at all.
    case emptyInput(source: String)
    /// A row has a different number of cells from the header row.
    case raggedRow(source: String, row: Int, expected: Int, found: Int)
    /// A value must be a number at this level of measurement but is not.
    case notANumber(source: String, row: Int, column: Int, value: String, level: MeasurementLevel)
    /// Ratio-level values must not be negative.
    case negativeRatioValue(source: String, row: Int, column: Int, value: String)
    /// Agreement needs at least two coders.
    case tooFewCoders(source: String, found: Int)
    /// A quoted field is not closed before the end of the file.
    case unterminatedQuote(source: String, row: Int)
    /// In the long layout, the same coder coded the same unit twice.
    case duplicateCoding(source: String, row: Int, unit: String, coder: String)
    /// A value is not among the categories the user declared.
    case undeclaredCategory(source: String, row: Int, column: Int, value: String)
    /// Ordinal values given as words, with no order declared.
    case ordinalWithoutOrder(source: String, row: Int, column: Int, value: String)
    /// The column named as unit ids is not in the header.
    case noSuchColumn(source: String, name: String, header: [String])
    /// A span for unitizing alpha is malformed.
    case invalidSpan(index: Int, reason: String)
    /// The caller passed arrays whose sizes do not match.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .unreadableFile(let p):
            return "\(p): cannot open or read the file (does it exist, and may you read it?)."
        case .emptyInput(let s):
            return "\(s): the file contains no reliability data (no rows after the header)."
        case .raggedRow(let s, let r, let e, let f):
            return "\(s), row \(r): expected \(e) cells like the header row, found \(f). Every row needs one cell per column; leave a cell empty for a missing value."
        case .notANumber(let s, let r, let c, let v, let level):
            return "\(s), row \(r), column \(c): \"\(v)\" is not a number, but the \(level.rawValue) level needs numeric values. Use --level nominal or ordinal for labels."
        case .negativeRatioValue(let s, let r, let c, let v):
            return "\(s), row \(r), column \(c): \"\(v)\" is negative, but ratio-level values must be zero or positive."
        case .tooFewCoders(let s, let f):
            return "\(s): agreement needs at least two coders, found \(f)."
        case .unterminatedQuote(let s, let r):
            return "\(s), row \(r): a quoted cell is never closed (missing closing \")."
        case .duplicateCoding(let s, let r, let u, let c):
            return "\(s), row \(r): coder \"\(c)\" coded unit \"\(u)\" a second time; each coder may give one value per unit."
        case .undeclaredCategory(let s, let r, let c, let v):
            return "\(s), row \(r), column \(c): \"\(v)\" is not one of the declared categories."
        case .ordinalWithoutOrder(let s, let r, let c, let v):
            return "\(s), row \(r), column \(c): \"\(v)\" is a word, and the ordinal level needs to know the order of the values; give it with --categories (e.g. --categories low,mid,high), lowest first. Dossier does not guess an order from the spelling."
        case .noSuchColumn(let s, let name, let header):
            return "\(s): no column is headed \"\(name)\" (the header has: \(header.joined(separator: ", ")))."
        case .invalidSpan(let i, let reason):
            return "span \(i + 1): \(reason)"
        case .shapeMismatch(let m):
            return m
        }
    }

    public var errorDescription: String? { description }
}
