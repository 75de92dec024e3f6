import Foundation

/// A small, fast RFC 4180 reader for reliability data. It works on bytes, not on `String` splitting,
/// because reading the table is most of the time spent on large files.
///
/// Cells are separated by commas; a cell may be quoted with `"` (a doubled `""` inside is one quote);
/// line ends may be LF or CRLF; spaces around unquoted cells are ignored; blank lines are skipped.
/// An empty cell, `NA`, `N/A`, `NaN` or `.` (letters in any case) is a missing value (``Options/missing``
/// changes the list). When every value is a number, values are compared as numbers: `1`, `1.0`, `01`
/// and `+1` are one value.
///
/// Layouts:
/// - ``Layout/unitsByCoders`` (default): a header row of coder names, then one row per unit. A column headed
///   `unit`, `unit_id`, `id`, `item` or `subject` (any case), or the one named by ``Options/idColumn``,
///   holds unit ids and is not a coder.
/// - ``Layout/codersByUnits``: one row per coder, the coder's name in the first cell, then one value per unit.
///   If the first cell of the first row is `coder` (any case), that row is a header of unit ids.
/// - ``Layout/long``: rows `unit,coder,value` (an optional header row with exactly those names);
///   a unit–coder pair not listed is missing.
public enum ReliabilityCSV {
    /// The cells read as missing values by default (letters in any case): empty, `NA`, `N/A`, `NaN`, `.`.
    public static let defaultMissing = ["", "NA", "N/A", "NaN", "."]
    /// Header names recognised as the unit id column (any case) in the units-by-coders layout.
    public static let idColumnNames = ["unit", "unit_id", "id", "item", "subject"]

    /// How to read a file beyond its layout.
    public struct Options: Sendable {
        /// Table layout.
        public var layout: Layout = .unitsByCoders
        /// Level of measurement: interval and ratio need numbers; ordinal labels that are not numbers need
        /// a declared order.
        public var level: MeasurementLevel = .nominal
        /// Declared categories, in order.
        public var categoryOrder: [String]? = nil
        /// Cells that are missing values, compared without regard to case (an empty cell always is).
        public var missing: [String] = ReliabilityCSV.defaultMissing
        /// The unit id column's header, for the units-by-coders layout; nil = recognise one of ``idColumnNames``.
        public var idColumn: String? = nil

        public init(layout: Layout = .unitsByCoders, level: MeasurementLevel = .nominal, categoryOrder: [String]? = nil,
                    missing: [String] = ReliabilityCSV.defaultMissing, idColumn: String? = nil) {
            self.layout = layout
            self.level = level
            self.categoryOrder = categoryOrder
            self.missing = missing
            self.idColumn = idColumn
        }
    }

    /// The data and what the reader noticed but could work around, in words for stderr.
    public struct Loaded: Sendable {
        public let data: ReliabilityData
        public let warnings: [String]
    }

    /// How the reliability table is laid out in the file.
    public enum Layout: String, CaseIterable, Sendable {
        case unitsByCoders = "units-by-coders"
        case codersByUnits = "coders-by-units"
        case long
    }

    /// Reads a CSV file. `level` is used only to reject non-numeric values at interval and ratio level,
    /// naming the row and column. `categoryOrder` declares the categories (and their order) explicitly.
    public static func read(path: String, layout: Layout = .unitsByCoders, level: MeasurementLevel = .nominal,
                            categoryOrder: [String]? = nil) throws -> ReliabilityData {
        try load(path: path, options: Options(layout: layout, level: level, categoryOrder: categoryOrder)).data
    }

    /// Reads a CSV file with every option, returning the warnings too.
    public static func load(path: String, options: Options) throws -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgreementError.unreadableFile(path: path)
        }
        return try data.withUnsafeBytes { raw in
            try parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count),
                      source: path, options: options)
        }
    }

    /// Parses CSV text; `source` names the input in error messages.
    public static func parse(_ text: String, source: String = "input", layout: Layout = .unitsByCoders,
                             level: MeasurementLevel = .nominal, categoryOrder: [String]? = nil) throws -> ReliabilityData {
        try parse(text, source: source, options: Options(layout: layout, level: level, categoryOrder: categoryOrder)).data
    }

    /// Parses CSV text with every option, returning the warnings too.
    public static func parse(_ text: String, source: String = "input", options: Options) throws -> Loaded {
        var text = text
        return try text.withUTF8 { try parse($0, source: source, options: options) }
    }

    /// Parses CSV bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, layout: Layout,
                             level: MeasurementLevel, categoryOrder: [String]?) throws -> ReliabilityData {
        try parse(bytes, source: source, options: Options(layout: layout, level: level, categoryOrder: categoryOrder)).data
    }

    /// Parses CSV bytes with every option.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, options: Options) throws -> Loaded {
        let level = options.level
        var scanner = CSVScanner(bytes: bytes)
        var labels = LabelTable(missing: options.missing)
        var warnings: [String] = []
        var result: (codes: [Int32], units: Int, coders: [String], ids: [String]?)
        switch options.layout {
        case .unitsByCoders: result = try readUnitsByCoders(&scanner, &labels, source, idColumn: options.idColumn)
        case .codersByUnits: result = try readCodersByUnits(&scanner, &labels, source)
        case .long: result = try readLong(&scanner, &labels, source)
        }
        guard result.units > 0 else { throw AgreementError.emptyInput(source: source) }
        // Duplicate coder names are kept apart (they are different columns) but are probably a mistake.
        var seenNames: [String: Int] = [:]
        for name in result.coders { seenNames[name, default: 0] += 1 }
        for (name, count) in seenNames.sorted(by: { $0.key < $1.key }) where count > 1 {
            warnings.append("\(source): coder name \"\(name)\" heads \(count) columns; they are kept as different coders")
        }
        // A coder with no value at all carries no information and would make Conger's kappa undefined.
        let m = result.coders.count
        var hasValue = [Bool](repeating: false, count: m)
        for i in result.codes.indices where result.codes[i] >= 0 { hasValue[i % m] = true }
        if hasValue.contains(false) {
            let keep = (0..<m).filter { hasValue[$0] }
            for g in 0..<m where !hasValue[g] {
                warnings.append("\(source): coder \"\(result.coders[g])\" has no values (every cell missing); the column is left out")
            }
            var codes: [Int32] = []
            codes.reserveCapacity(result.units * keep.count)
            for u in 0..<result.units { for g in keep { codes.append(result.codes[u * m + g]) } }
            result = (codes, result.units, keep.map { result.coders[$0] }, result.ids)
        }
        guard result.coders.count >= 2 else { throw AgreementError.tooFewCoders(source: source, found: result.coders.count) }
        // Numbers are compared as numbers: "1", "1.0", "01" and "+1" are one value, labelled "1".
        labels.mergeNumbers()
        let categoryOrder = options.categoryOrder.map { declared -> [String] in
            let numbers = declared.map { Double($0.trimmingSpaces) }
            guard numbers.allSatisfy({ $0 != nil }), labels.allNumeric else { return declared }
            var seen = Set<String>()
            return numbers.map { CategoryOrdering.label($0!) }.filter { seen.insert($0).inserted }
        }
        if level == .ordinal, categoryOrder == nil, !labels.allNumeric, let i = labels.order.firstIndex(where: { Double($0.trimmingSpaces) == nil }) {
            let at = labels.firstSeen[i]
            throw AgreementError.ordinalWithoutOrder(source: source, row: at.row, column: at.column, value: labels.order[i])
        }
        if level.needsNumbers {
            for (i, label) in labels.order.enumerated() {
                guard let x = Double(label.trimmingSpaces), x.isFinite else {
                    let at = labels.firstSeen[i]
                    throw AgreementError.notANumber(source: source, row: at.row, column: at.column, value: label, level: level)
                }
                if level == .ratio, x < 0 {
                    let at = labels.firstSeen[i]
                    throw AgreementError.negativeRatioValue(source: source, row: at.row, column: at.column, value: label)
                }
            }
        }
        if let declared = categoryOrder {
            let known = Set(declared)
            if let i = labels.order.indices.first(where: { !known.contains(labels.distinct[Int(labels.merged[$0])]) }) {
                let at = labels.firstSeen[i]
                throw AgreementError.undeclaredCategory(source: source, row: at.row, column: at.column, value: labels.order[i])
            }
        }
        let (cats, values, ordered) = try CategoryOrdering.order(labels: labels.distinct, declared: categoryOrder, source: source)
        var codes = result.codes
        let remap = labels.merged.map { ordered[Int($0)] }
        let identity = remap.enumerated().allSatisfy { Int32($0.offset) == $0.element }
        if !identity {
            remap.withUnsafeBufferPointer { map in
                codes.withUnsafeMutableBufferPointer { buf in
                    for i in buf.indices where buf[i] >= 0 { buf[i] = map[Int(buf[i])] }
                }
            }
        }
        let data = try ReliabilityData(codes: codes, unitCount: result.units, coderNames: result.coders,
                                       categories: cats, categoryValues: values, unitIDs: result.ids)
        return Loaded(data: data, warnings: warnings)
    }

    // MARK: layouts

    private static func readUnitsByCoders(_ s: inout CSVScanner, _ labels: inout LabelTable, _ source: String,
                                          idColumn named: String?) throws
        -> (codes: [Int32], units: Int, coders: [String], ids: [String]?) {
        var fields: [CSVScanner.Field] = []
        guard try s.nextRow(&fields, source: source) else { throw AgreementError.emptyInput(source: source) }
        let header = fields.map { s.string($0) }
        let folded = header.map { String($0.trimmingSpaces).lowercased() }
        let idColumn: Int?
        if let named {
            guard let i = folded.firstIndex(of: named.lowercased()) else {
                throw AgreementError.noSuchColumn(source: source, name: named, header: header)
            }
            idColumn = i
        } else {
            idColumn = folded.firstIndex { idColumnNames.contains($0) }
        }
        let coderColumns = header.indices.filter { $0 != idColumn }
        let coders = coderColumns.map { header[$0] }
        let width = header.count
        let m = coders.count
        var codes: [Int32] = []
        codes.reserveCapacity(max(0, s.bytes.count / max(1, 2 * width)) * m)
        var ids: [String]? = idColumn == nil ? nil : []
        var units = 0
        while try s.nextRow(&fields, source: source) {
            if fields.count != width {
                throw AgreementError.raggedRow(source: source, row: s.row, expected: width, found: fields.count)
            }
            if let idColumn {
                for c in 0..<idColumn { codes.append(labels.code(s, fields[c], row: s.row, column: c + 1)) }
                ids!.append(s.string(fields[idColumn]))
                for c in (idColumn + 1)..<width { codes.append(labels.code(s, fields[c], row: s.row, column: c + 1)) }
            } else {
                for c in 0..<width { codes.append(labels.code(s, fields[c], row: s.row, column: c + 1)) }
            }
            units += 1
        }
        return (codes, units, coders, ids)
    }

    private static func readCodersByUnits(_ s: inout CSVScanner, _ labels: inout LabelTable, _ source: String) throws
        -> (codes: [Int32], units: Int, coders: [String], ids: [String]?) {
        var fields: [CSVScanner.Field] = []
        var coderMajor: [Int32] = []
        var coders: [String] = []
        var ids: [String]? = nil
        var width = -1
        while try s.nextRow(&fields, source: source) {
            if width < 0 {
                width = fields.count
                if String(s.string(fields[0]).trimmingSpaces).lowercased() == "coder" {
                    ids = fields.dropFirst().map { s.string($0) }
                    continue
                }
            }
            if fields.count != width {
                throw AgreementError.raggedRow(source: source, row: s.row, expected: width, found: fields.count)
            }
            coders.append(s.string(fields[0]))
            for c in 1..<width { coderMajor.append(labels.code(s, fields[c], row: s.row, column: c + 1)) }
        }
        let units = max(0, width - 1)
        let m = coders.count
        var codes = [Int32](repeating: ReliabilityData.missing, count: units * m)
        for g in 0..<m { for u in 0..<units { codes[u * m + g] = coderMajor[g * units + u] } }
        return (codes, units, coders, ids)
    }

    private static func readLong(_ s: inout CSVScanner, _ labels: inout LabelTable, _ source: String) throws
        -> (codes: [Int32], units: Int, coders: [String], ids: [String]?) {
        var fields: [CSVScanner.Field] = []
        var unitIndex: [String: Int32] = [:], unitIDs: [String] = []
        var coderIndex: [String: Int32] = [:], coders: [String] = []
        var triples: [(unit: Int32, coder: Int32, code: Int32, row: Int32)] = []
        var firstRow = true
        while try s.nextRow(&fields, source: source) {
            if fields.count != 3 {
                throw AgreementError.raggedRow(source: source, row: s.row, expected: 3, found: fields.count)
            }
            if firstRow {
                firstRow = false
                let names = fields.map { String(s.string($0).trimmingSpaces).lowercased() }
                if names == ["unit", "coder", "value"] { continue }
            }
            let unit = s.string(fields[0]), coder = s.string(fields[1])
            let u: Int32
            if let k = unitIndex[unit] { u = k } else { u = Int32(unitIDs.count); unitIndex[unit] = u; unitIDs.append(unit) }
            let g: Int32
            if let k = coderIndex[coder] { g = k } else { g = Int32(coders.count); coderIndex[coder] = g; coders.append(coder) }
            triples.append((u, g, labels.code(s, fields[2], row: s.row, column: 3), Int32(s.row)))
        }
        let m = coders.count
        var codes = [Int32](repeating: ReliabilityData.missing, count: unitIDs.count * m)
        var seen = [Bool](repeating: false, count: unitIDs.count * m)
        for t in triples {
            let i = Int(t.unit) * m + Int(t.coder)
            if seen[i] {
                throw AgreementError.duplicateCoding(source: source, row: Int(t.row), unit: unitIDs[Int(t.unit)], coder: coders[Int(t.coder)])
            }
            seen[i] = true
            codes[i] = t.code
        }
        return (codes, unitIDs.count, coders, unitIDs)
    }
}

/// Splits bytes into records and fields (RFC 4180).
struct CSVScanner {
    struct Field {
        var start: Int
        var end: Int
        /// The field was quoted and contains doubled quotes that must be unescaped.
        var escaped: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// 1-based number of the record just read.
    var row = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Skip a UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Reads the next non-blank record into `fields`; returns false at the end of input.
    mutating func nextRow(_ fields: inout [Field], source: String) throws -> Bool {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        // Skip blank lines.
        while position < n, bytes[position] == 10 || bytes[position] == 13 {
            if bytes[position] == 10 { row += 1 }
            position += 1
        }
        if position >= n { return false }
        row += 1
        var p = position
        while true {
            // One field.
            while p < n, bytes[p] == 32 || bytes[p] == 9 { p += 1 }
            if p < n, bytes[p] == 34 {  // quoted
                let start = p + 1
                var q = start
                var escaped = false
                while true {
                    guard q < n else { throw AgreementError.unterminatedQuote(source: source, row: row) }
                    if bytes[q] == 34 {
                        if q + 1 < n, bytes[q + 1] == 34 { escaped = true; q += 2; continue }
                        break
                    }
                    q += 1
                }
                fields.append(Field(start: start, end: q, escaped: escaped))
                p = q + 1
                while p < n, bytes[p] != 44, bytes[p] != 10, bytes[p] != 13 { p += 1 }
            } else {
                let start = p
                while p < n, bytes[p] != 44, bytes[p] != 10, bytes[p] != 13 { p += 1 }
                var end = p
                while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
                fields.append(Field(start: start, end: end, escaped: false))
            }
            if p < n, bytes[p] == 44 { p += 1; continue }
            // End of record.
            if p < n, bytes[p] == 13 { p += 1 }
            if p < n, bytes[p] == 10 { p += 1 }
            position = p
            return true
        }
    }

    func string(_ f: Field) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        let s = String(decoding: slice, as: UTF8.self)
        return f.escaped ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}

/// Maps value labels to codes in order of first appearance. Short labels (≤ 8 bytes) are packed into
/// a 64-bit key and found by a linear scan of the few known categories, which is the hot path.
/// Missing-value tokens are packed the same way (ASCII letters folded to lower case), so recognising
/// them costs one comparison per token.
struct LabelTable {
    var order: [String] = []
    var firstSeen: [(row: Int, column: Int)] = []
    /// After ``mergeNumbers()``: the distinct labels, and for each first-seen code its distinct index.
    var distinct: [String] = []
    var merged: [Int32] = []
    /// Whether every label is a number (set by ``mergeNumbers()``).
    var allNumeric = false
    private var shortKeys: [UInt64] = []
    private var shortCodes: [Int32] = []
    private var shortMap: [UInt64: Int32] = [:]
    private var longMap: [String: Int32] = [:]
    private var missingKeys: [UInt64] = []
    private var missingLong: Set<String> = []
    private var missingMaxLength = 0

    init(missing: [String] = ReliabilityCSV.defaultMissing) {
        for token in missing {
            let t = String(token.trimmingSpaces).lowercased()
            let bytes = Array(t.utf8)
            if bytes.isEmpty { continue }
            missingMaxLength = max(missingMaxLength, bytes.count)
            if bytes.count <= 8 {
                var key: UInt64 = 0
                for (i, b) in bytes.enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
                missingKeys.append(key)
            } else {
                missingLong.insert(t)
            }
        }
    }

    @inline(__always)
    mutating func code(_ s: CSVScanner, _ f: CSVScanner.Field, row: Int, column: Int) -> Int32 {
        let len = f.end - f.start
        if len == 0 { return ReliabilityData.missing }
        let b = s.bytes
        if len <= missingMaxLength {
            if len <= 8 {
                var folded: UInt64 = 0
                for i in 0..<len {
                    var byte = b[f.start + i]
                    if byte >= 65 && byte <= 90 { byte |= 0x20 }
                    folded |= UInt64(byte) << (8 * UInt64(i))
                }
                for k in missingKeys where k == folded { return ReliabilityData.missing }
            } else if missingLong.contains(s.string(f).lowercased()) {
                return ReliabilityData.missing
            }
        }
        if len <= 8, !f.escaped {
            var key: UInt64 = 0
            var hasZero = false
            for i in 0..<len {
                let byte = b[f.start + i]
                hasZero = hasZero || byte == 0
                key |= UInt64(byte) << (8 * UInt64(i))
            }
            if !hasZero {
                for i in 0..<shortKeys.count where shortKeys[i] == key { return shortCodes[i] }
                if let c = shortMap[key] { return c }
                let c = add(s.string(f), row: row, column: column)
                if shortKeys.count < 16 { shortKeys.append(key); shortCodes.append(c) } else { shortMap[key] = c }
                return c
            }
        }
        let text = s.string(f)
        if let c = longMap[text] { return c }
        let c = add(text, row: row, column: column)
        longMap[text] = c
        return c
    }

    /// Merges labels that are the same number ("1", "1.0", "01", "+1") into one, labelled canonically,
    /// when every label is a number; otherwise keeps every label as it is.
    mutating func mergeNumbers() {
        let numbers = order.map { Double($0.trimmingSpaces) }
        allNumeric = !order.isEmpty && numbers.allSatisfy { $0 != nil && $0!.isFinite }
        guard allNumeric else {
            distinct = order
            merged = order.indices.map { Int32($0) }
            return
        }
        var index: [String: Int32] = [:]
        distinct = []
        merged = numbers.map { x in
            let label = CategoryOrdering.label(x! == 0 ? 0 : x!)
            if let i = index[label] { return i }
            let i = Int32(distinct.count)
            index[label] = i
            distinct.append(label)
            return i
        }
    }

    private mutating func add(_ label: String, row: Int, column: Int) -> Int32 {
        order.append(label)
        firstSeen.append((row, column))
        return Int32(order.count - 1)
    }
}
