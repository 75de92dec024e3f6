/// Where something is in a YAML file: the file's path and a 1-based line and column.
///
/// Printed as `path:line:column`, the form editors and terminals turn into links.
public struct SourceLocation: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The path the caller gave when loading (not resolved or checked).
    public var path: String
    /// 1-based line; 0 when the whole file is meant.
    public var line: Int
    /// 1-based column counted in Unicode scalars; 0 when unknown.
    public var column: Int

    public init(path: String, line: Int, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        if line == 0 { return path }
        if column == 0 { return "\(path):\(line)" }
        return "\(path):\(line):\(column)"
    }
}

extension Sequence {
    /// In file order (line, then column); problems at the same place keep the order they were found in.
    func sortedInFileOrder(by location: (Element) -> SourceLocation) -> [Element] {
        enumerated().sorted {
            let a = location($0.element), b = location($1.element)
            return (a.line, a.column, $0.offset) < (b.line, b.column, $1.offset)
        }.map(\.element)
    }
}
