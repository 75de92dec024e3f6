import Foundation

/// A small, fast RFC 4180 reader for reliability data. It works on bytes, not on `String` splitting,
/// because reading the table is most of the time spent on large files.
///
/// Cells are separated by commas; a cell may be quoted with `"` (a doubled `""` inside is one quote);
/// line ends may be LF or CRLF; spaces around unquoted cells are ignored; blank lines are skipped.
/// An empty cell, `NA` or `.` is a missing value.
///
/// Layouts:
/// - ``Layout/unitsByCoders`` (default): a header row of coder names, then one row per unit. If the first
///   header cell is `unit` or `id` (any case), the first column holds unit ids and is not a coder.
/// - ``Layout/codersByUnits``: one row per coder, the coder's name in the first cell, then one value per unit.
///   If the first cell of the first row is `coder` (any case), that row is a header of unit ids.
/// - ``Layout/long``: rows `unit,coder,value` (an optional header row with exactly those names);
///   a unit–coder pair not listed is missing.
public enum ReliabilityCSV {
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgreementError.unreadableFile(path: path)
        }
        return try data.withUnsafeBytes { raw in
            try parse(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count),
                      source: path, layout: layout, level: level, categoryOrder: categoryOrder)
        }
    }

    /// Parses CSV text; `source` names the input in error messages.
    public static func parse(_ text: String, source: String = "input", layout: Layout = .unitsByCoders,
                             level: MeasurementLevel = .nominal, categoryOrder: [String]? = nil) throws -> ReliabilityData {
        var text = text
        return try text.withUTF8 { try parse($0, source: source, layout: layout, level: level, categoryOrder: categoryOrder) }
    }

    /// Parses CSV bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, layout: Layout,
                             level: MeasurementLevel, categoryOrder: [String]?) throws -> ReliabilityData {
        var scanner = CSVScanner(bytes: bytes)
        var labels = LabelTable()
        let result: (codes: [Int32], units: Int, coders: [String], ids: [String]?)
        switch layout {
        case .unitsByCoders: result = try readUnitsByCoders(&scanner, &labels, source)
        case .codersByUnits: result = try readCodersByUnits(&scanner, &labels, source)
        case .long: result = try readLong(&scanner, &labels, source)
        }
        guard result.units > 0 else { throw AgreementError.emptyInput(source: source) }
        guard result.coders.count >= 2 else { throw AgreementError.tooFewCoders(source: source, found: result.coders.count) }
        if level.needsNumbers {
            for (i, label) in labels.order.enumerated() {
                guard let x = Double(label.trimmingSpaces) else {
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
            if let i = labels.order.firstIndex(where: { !known.contains($0) }) {
                let at = labels.firstSeen[i]
                throw AgreementError.undeclaredCategory(source: source, row: at.row, column: at.column, value: labels.order[i])
            }
        }
        let (cats, values, remap) = try CategoryOrdering.order(labels: labels.order, declared: categoryOrder, source: source)
        var codes = result.codes
        let identity = remap.enumerated().allSatisfy { Int32($0.offset) == $0.element }
        if !identity {
            remap.withUnsafeBufferPointer { map in
                codes.withUnsafeMutableBufferPointer { buf in
                    for i in buf.indices where buf[i] >= 0 { buf[i] = map[Int(buf[i])] }
                }
            }
        }
        return try ReliabilityData(codes: codes, unitCount: result.units, coderNames: result.coders,
                                   categories: cats, categoryValues: values, unitIDs: result.ids)
    }

    // MARK: layouts

    private static func readUnitsByCoders(_ s: inout CSVScanner, _ labels: inout LabelTable, _ source: String) throws
        -> (codes: [Int32], units: Int, coders: [String], ids: [String]?) {
        var fields: [CSVScanner.Field] = []
        guard try s.nextRow(&fields, source: source) else { throw AgreementError.emptyInput(source: source) }
        let header = fields.map { s.string($0) }
        let first = header.first.map { String($0.trimmingSpaces).lowercased() } ?? ""
        let idColumn = (first == "unit" || first == "id") ? 1 : 0
        let coders = Array(header[idColumn...])
        let width = header.count
        let m = coders.count
        var codes: [Int32] = []
        codes.reserveCapacity(max(0, s.bytes.count / max(1, 2 * width)) * m)
        var units = 0
        while try s.nextRow(&fields, source: source) {
            if fields.count != width {
                throw AgreementError.raggedRow(source: source, row: s.row, expected: width, found: fields.count)
            }
            for c in idColumn..<width {
                codes.append(labels.code(s, fields[c], row: s.row, column: c + 1))
            }
            units += 1
        }
        return (codes, units, coders, nil)
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
struct LabelTable {
    var order: [String] = []
    var firstSeen: [(row: Int, column: Int)] = []
    private var shortKeys: [UInt64] = []
    private var shortCodes: [Int32] = []
    private var shortMap: [UInt64: Int32] = [:]
    private var longMap: [String: Int32] = [:]

    @inline(__always)
    mutating func code(_ s: CSVScanner, _ f: CSVScanner.Field, row: Int, column: Int) -> Int32 {
        let len = f.end - f.start
        if len == 0 { return ReliabilityData.missing }
        let b = s.bytes
        if len == 1, b[f.start] == 46 { return ReliabilityData.missing }  // "."
        if len == 2, b[f.start] == 78, b[f.start + 1] == 65 { return ReliabilityData.missing }  // "NA"
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

    private mutating func add(_ label: String, row: Int, column: Int) -> Int32 {
        order.append(label)
        firstSeen.append((row, column))
        return Int32(order.count - 1)
    }
}
