/// Reliability data in Krippendorff's canonical form: units × coders, one value (or none) per cell.
///
/// Values are stored compactly as `Int32` category codes in unit-major order (`codes[unit * coderCount + coder]`),
/// with ``ReliabilityData/missing`` for a cell the coder left empty. Codes index ``categories``, which are
/// kept in their natural order: numeric order when every label is a number, otherwise the declared order
/// (or sorted label order when none was declared). ``categoryValues`` holds the numbers when all labels are numeric.
public struct ReliabilityData: Sendable {
    /// The code of a missing value.
    public static let missing: Int32 = -1

    /// Number of units (rows of the canonical table; subjects, passages, documents…).
    public let unitCount: Int
    /// Names of the coders, one per column.
    public let coderNames: [String]
    /// Unit identifiers, when the input had them.
    public let unitIDs: [String]?
    /// Category labels in order; `codes` index this array.
    public let categories: [String]
    /// Numeric values of the categories, when every label is a number.
    public let categoryValues: [Double]?
    /// Category codes, unit-major; ``missing`` marks an empty cell.
    public let codes: [Int32]

    /// Number of coders.
    public var coderCount: Int { coderNames.count }
    /// Number of categories.
    public var categoryCount: Int { categories.count }

    /// Positions used by weights and interval metrics: the numeric values when all categories are
    /// numbers, otherwise ranks 1…q.
    public var categoryPositions: [Double] {
        categoryValues ?? categories.indices.map { Double($0 + 1) }
    }

    /// The code a coder gave a unit, or ``missing``.
    @inlinable public func code(unit: Int, coder: Int) -> Int32 { codes[unit * coderNames.count + coder] }

    /// Creates reliability data from already encoded codes. Codes must be ``missing`` or in `0..<categories.count`.
    public init(codes: [Int32], unitCount: Int, coderNames: [String], categories: [String],
                categoryValues: [Double]? = nil, unitIDs: [String]? = nil) throws {
        guard codes.count == unitCount * coderNames.count else {
            throw AgreementError.shapeMismatch("expected \(unitCount) units × \(coderNames.count) coders = \(unitCount * coderNames.count) codes, got \(codes.count)")
        }
        if let v = categoryValues, v.count != categories.count {
            throw AgreementError.shapeMismatch("\(categories.count) categories but \(v.count) category values")
        }
        let q = Int32(categories.count)
        if let bad = codes.firstIndex(where: { $0 != ReliabilityData.missing && ($0 < 0 || $0 >= q) }) {
            throw AgreementError.shapeMismatch("code \(codes[bad]) at unit \(bad / max(1, coderNames.count) + 1) is not a category index")
        }
        self.codes = codes
        self.unitCount = unitCount
        self.coderNames = coderNames
        self.categories = categories
        self.categoryValues = categoryValues
        self.unitIDs = unitIDs
    }

    /// Creates reliability data from labels: `table[unit][coder]`, `nil` for a missing value.
    /// Category order: numeric when all labels are numbers, else `categoryOrder` if given, else sorted.
    public init(units table: [[String?]], coderNames: [String]? = nil, categoryOrder: [String]? = nil) throws {
        let m = coderNames?.count ?? table.first?.count ?? 0
        var labels: [String: Int32] = [:]
        var order: [String] = []
        var raw = [Int32](repeating: ReliabilityData.missing, count: table.count * m)
        for (u, row) in table.enumerated() {
            guard row.count == m else {
                throw AgreementError.raggedRow(source: "table", row: u + 1, expected: m, found: row.count)
            }
            for (c, cell) in row.enumerated() {
                guard let cell, !cell.isEmpty else { continue }
                if let code = labels[cell] {
                    raw[u * m + c] = code
                } else {
                    labels[cell] = Int32(order.count)
                    raw[u * m + c] = Int32(order.count)
                    order.append(cell)
                }
            }
        }
        let (cats, values, remap) = try CategoryOrdering.order(labels: order, declared: categoryOrder, source: "table")
        for i in raw.indices where raw[i] >= 0 { raw[i] = remap[Int(raw[i])] }
        try self.init(codes: raw, unitCount: table.count, coderNames: coderNames ?? (0..<m).map { "coder\($0 + 1)" },
                      categories: cats, categoryValues: values)
    }

    /// Creates numeric reliability data: `table[unit][coder]`, `nil` for a missing value.
    public init(numbers table: [[Double?]], coderNames: [String]? = nil) throws {
        try self.init(units: table.map { $0.map { $0.map { CategoryOrdering.label($0) } } }, coderNames: coderNames)
    }

    /// Number of values (non-missing cells) in each unit, summed over units that have at least two:
    /// Krippendorff's n.., the number of pairable values.
    public var pairableValueCount: Int {
        var total = 0
        let m = coderCount
        for u in 0..<unitCount {
            var k = 0
            for c in 0..<m where codes[u * m + c] >= 0 { k += 1 }
            if k >= 2 { total += k }
        }
        return total
    }
}

/// Puts category labels in their natural order and maps first-seen codes to ordered codes.
enum CategoryOrdering {
    /// A compact label for a number: "3" rather than "3.0".
    static func label(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    static func order(labels: [String], declared: [String]?, source: String) throws
        -> (categories: [String], values: [Double]?, remap: [Int32]) {
        let numbers = labels.map { Double($0.trimmingSpaces) }
        var ordered: [String]
        var values: [Double]? = nil
        if let declared {
            let known = Set(declared)
            if let bad = labels.first(where: { !known.contains($0) }) {
                throw AgreementError.undeclaredCategory(source: source, row: 0, column: 0, value: bad)
            }
            ordered = declared
            let dv = declared.map { Double($0.trimmingSpaces) }
            if dv.allSatisfy({ $0 != nil }) { values = dv.map { $0! } }
        } else if !labels.isEmpty, numbers.allSatisfy({ $0 != nil }) {
            let idx = labels.indices.sorted { numbers[$0]! < numbers[$1]! }
            ordered = idx.map { labels[$0] }
            values = idx.map { numbers[$0]! }
        } else {
            ordered = labels.sorted()
        }
        var position: [String: Int32] = [:]
        for (i, l) in ordered.enumerated() { position[l] = Int32(i) }
        let remap = labels.map { position[$0]! }
        return (ordered, values, remap)
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
