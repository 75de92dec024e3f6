import Testing
@testable import Agreement

@Suite("Reading real reliability files safely")
struct ReliabilityCSVSafetyTests {
    @Test("NaN, nan, NA, N/A, . and empty cells are missing, in any case", arguments: ["NaN", "nan", "NA", "na", "N/A", "n/a", ".", ""])
    func missingTokens(token: String) throws {
        let data = try ReliabilityCSV.parse("A,B\n1,1\n2,\(token)\n2,2\n")
        #expect(data.categories == ["1", "2"])
        #expect(data.codes[3] == ReliabilityData.missing)
    }

    @Test("--missing replaces the list; an empty cell stays missing")
    func customMissing() throws {
        let loaded = try ReliabilityCSV.parse("A,B\n1,-99\n2,\n2,NA\n", options: .init(missing: ["-99"]))
        #expect(loaded.data.codes[1] == ReliabilityData.missing && loaded.data.codes[3] == ReliabilityData.missing)
        #expect(loaded.data.categories.contains("NA"))
    }

    @Test("NaN never becomes a category nor a null alpha")
    func nanIsNotACategory() throws {
        let data = try ReliabilityCSV.parse("A,B\n1,1\n2,NaN\n2,2\n1,2\n", level: .interval)
        let a = try KrippendorffAlpha(data, level: .interval)
        #expect(data.categories == ["1", "2"])
        #expect(a.value != nil)
    }

    @Test("Numbers compare as numbers: 1, 1.0, 01 and +1 are one value")
    func numericEquality() throws {
        let data = try ReliabilityCSV.parse("A,B\n1,1.0\n01,+1\n2,2.00\n1,2\n")
        #expect(data.categories == ["1", "2"])
        #expect(data.codes == [0, 0, 0, 0, 1, 1, 0, 1])
        let a = try KrippendorffAlpha(data, level: .nominal)
        let plain = try KrippendorffAlpha(try ReliabilityCSV.parse("A,B\n1,1\n1,1\n2,2\n1,2\n"), level: .nominal)
        #expect(a.value == plain.value)
        // Declared numeric categories are matched by value too.
        let declared = try ReliabilityCSV.parse("A,B\n1.0,2\n3,1\n", level: .ordinal, categoryOrder: ["1", "2", "3"])
        #expect(declared.categories == ["1", "2", "3"])
    }

    @Test("Ordinal words without a declared order stop with a message naming the cell")
    func ordinalWords() throws {
        do {
            _ = try ReliabilityCSV.parse("A,B\nlow,high\nmid,mid\n", source: "t.csv", level: .ordinal)
            Issue.record("expected an error")
        } catch let error as AgreementError {
            #expect(error.description.contains("t.csv, row 2, column 1"))
            #expect(error.description.contains("--categories"))
        }
        let ok = try ReliabilityCSV.parse("A,B\nlow,high\nmid,mid\n", level: .ordinal, categoryOrder: ["low", "mid", "high"])
        #expect(ok.categories == ["low", "mid", "high"])
    }

    @Test("Unit id column recognised by name anywhere in the header, or named", arguments: ["unit", "Unit_ID", "id", "item", "SUBJECT"])
    func idColumn(name: String) throws {
        let data = try ReliabilityCSV.parse("A,\(name),B\n1,u1,1\n2,u2,1\n")
        #expect(data.coderNames == ["A", "B"])
        #expect(data.unitIDs == ["u1", "u2"])
        #expect(data.codes == [0, 0, 1, 0])
    }

    @Test("--id-column names the id column; an unknown name is an error listing the header")
    func namedIdColumn() throws {
        let loaded = try ReliabilityCSV.parse("respondent,A,B\nr1,1,1\nr2,2,1\n", options: .init(idColumn: "respondent"))
        #expect(loaded.data.coderNames == ["A", "B"])
        #expect(loaded.data.unitIDs == ["r1", "r2"])
        #expect(throws: AgreementError.self) { try ReliabilityCSV.parse("A,B\n1,1\n", options: .init(idColumn: "who")) }
    }

    @Test("Duplicate coder names warn; an all-empty coder column warns and is dropped")
    func coderWarnings() throws {
        let loaded = try ReliabilityCSV.parse("A,A,B,C\n1,1,,1\n2,1,NA,2\n", source: "w.csv", options: .init())
        #expect(loaded.data.coderNames == ["A", "A", "C"])
        #expect(loaded.warnings.contains { $0.contains("\"A\" heads 2 columns") })
        #expect(loaded.warnings.contains { $0.contains("\"B\" has no values") && $0.contains("w.csv") })
        // Conger's kappa is defined once the empty coder is gone.
        let conger = ChanceCorrectedAgreement.congerKappa(loaded.data)
        #expect(conger.value != nil)
    }

    @Test("Dropping empty columns can leave too few coders: an error, not a crash")
    func tooFewAfterDrop() {
        #expect(throws: AgreementError.self) { try ReliabilityCSV.parse("A,B\n1,\n2,\n", options: .init()) }
    }

    @Test("One unit: alpha undefined")
    func oneUnit() throws {
        let a = try KrippendorffAlpha(try ReliabilityCSV.parse("unit,A,B\nu1,1,2\n"), level: .nominal)
        #expect(a.value == nil && a.undefinedReason != nil)
    }
}
