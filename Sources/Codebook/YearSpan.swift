import Foundation

/// A year or a span of whole years, as sources date payments (`1951`, `1966-1969`).
public struct YearSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Parses `1951`, `1950-1953` or `1950/1953`; nil if not years in order between 1800 and 2100.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "–" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.count == 4 }),
              let from = Int(parts[0]), let to = Int(parts.last!),
              (1800...2100).contains(from), (1800...2100).contains(to), from <= to
        else { return nil }
        self.init(from: from, to: to)
    }

    public var description: String { from == to ? "\(from)" : "\(from)-\(to)" }
}
