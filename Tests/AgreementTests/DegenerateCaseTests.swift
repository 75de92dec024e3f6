import Testing
@testable import Agreement

@Suite("Degenerate cases give defined answers, never NaN")
struct DegenerateCaseTests {
    func allFinite(_ report: AgreementReport) -> Bool {
        let values = report.estimates.flatMap { [$0.value, $0.standardError, $0.ciLow, $0.ciHigh] } + [report.alpha?.value]
        return values.allSatisfy { $0.map { $0.isFinite } ?? true }
    }

    @Test("Everyone uses one category: alpha and kappas undefined with reasons, percent agreement 1")
    func oneCategory() throws {
        let data = try ReliabilityData(numbers: Array(repeating: [2, 2, 2], count: 5))
        let report = try AgreementReport(data)
        #expect(report.alpha?.value == nil)
        #expect(report.alpha?.undefinedReason?.contains("one category") == true)
        let pa = try #require(report.estimates.first { $0.name == "percent_agreement" })
        #expect(pa.value == 1)
        for e in report.estimates where e.name != "percent_agreement" {
            #expect(e.value == nil, "\(e.name)")
            #expect(e.undefinedReason != nil, "\(e.name)")
        }
        #expect(allFinite(report))
        #expect(report.alpha?.bootstrap(replicates: 100, seed: 1) == nil)
    }

    @Test("A single unit: alpha undefined with the reason, standard errors undefined (need two units)")
    func singleUnit() throws {
        let report = try AgreementReport(try ReliabilityData(numbers: [[1, 2]]))
        #expect(report.alpha?.value == nil)
        #expect(report.alpha?.undefinedReason?.contains("one unit") == true)
        let fleiss = try #require(report.estimates.first { $0.name == "fleiss_kappa" })
        #expect(fleiss.standardError == nil)
        #expect(allFinite(report))
    }

    @Test("All values missing: everything undefined, nothing crashes")
    func allMissing() throws {
        let data = try ReliabilityData(numbers: [[nil, nil], [nil, nil]])
        let report = try AgreementReport(data)
        #expect(report.alpha?.value == nil)
        #expect(report.pairableValues == 0)
        #expect(report.estimates.allSatisfy { $0.value == nil && $0.undefinedReason != nil })
    }

    @Test("No unit coded twice: alpha undefined, kappas undefined")
    func noPairs() throws {
        let report = try AgreementReport(try ReliabilityData(numbers: [[1, nil], [nil, 2], [3, nil]]))
        #expect(report.alpha?.value == nil)
        #expect(report.estimates.allSatisfy { $0.value == nil })
    }

    @Test("Cohen and Scott need exactly two coders")
    func twoCoderCoefficients() throws {
        let report = try AgreementReport(try ReliabilityData(numbers: [[1, 2, 1], [2, 2, 2], [1, 1, 2]]))
        #expect(report.estimates.first { $0.name == "cohen_kappa" }?.value == nil)
        #expect(report.estimates.first { $0.name == "scott_pi" }?.undefinedReason?.contains("two coders") == true)
    }

    @Test("Perfect agreement: alpha 1, kappas 1")
    func perfect() throws {
        let report = try AgreementReport(try ReliabilityData(numbers: [[1, 1], [2, 2], [3, 3], [1, 1]]))
        #expect(report.alpha?.value == 1)
        #expect(report.estimates.first { $0.name == "cohen_kappa" }?.value == 1)
    }

    @Test("Interval level on labels is an error naming the value")
    func intervalNeedsNumbers() throws {
        let data = try ReliabilityData(units: [["a", "b"], ["b", "b"]])
        #expect(throws: AgreementError.self) { try KrippendorffAlpha(data, level: .interval) }
    }
}

@Suite("KALPHA bootstrap (Hayes & Krippendorff 2007), kept to reproduce published output")
struct BootstrapTests {
    @Test("Same seed, same result; interval brackets alpha on Krippendorff 2011 data")
    func reproducible() throws {
        let alpha = try KrippendorffAlpha(try ReliabilityData(numbers: krippendorff2011), level: .interval)
        let options = AlphaBootstrap.Options(replicates: 2000, seed: 42, method: .kalpha)
        let a = try #require(alpha.bootstrap(options))
        let b = try #require(alpha.bootstrap(options))
        #expect(a.ciLow == b.ciLow && a.ciHigh == b.ciHigh && a.tails == b.tails)
        let value = try #require(alpha.value)
        #expect(a.ciLow < value && value < a.ciHigh)
        #expect(a.ciHigh <= 1 && a.ciLow >= -1)
        // M = min(25 Q, (m − 1) n.. / 2): Q = 13 non-empty cells, m = 4, n.. = 40 → min(325, 60) = 60.
        #expect(a.drawsPerReplicate == 60)
        let p667 = try #require(a.probabilityBelow(0.667))
        let p800 = try #require(a.probabilityBelow(0.8))
        #expect(p667 >= 0 && p667 <= p800)
    }

    @Test("SplitMix64 reference values (seed 1234567)")
    func splitMix() {
        var g = SplitMix64(seed: 1234567)
        // Vigna's splitmix64.c algorithm, values checked with an independent Python transliteration.
        #expect(g.next() == 6457827717110365317)
        #expect(g.next() == 3203168211198807973)
    }
}

@Suite("CSV reading")
struct ReliabilityCSVTests {
    @Test("units-by-coders with unit id column, quotes, CRLF, missing cells")
    func unitsByCoders() throws {
        let text = "unit,A,\"B\"\r\nu1,1,1\r\nu2,\"2\",\r\nu3,NA,3\r\n\r\n"
        let data = try ReliabilityCSV.parse(text)
        #expect(data.coderNames == ["A", "B"])
        #expect(data.unitCount == 3)
        #expect(data.categories == ["1", "2", "3"])
        #expect(data.codes == [0, 0, 1, -1, -1, 2])
    }

    @Test("coders-by-units and long layouts give the same table as units-by-coders")
    func layouts() throws {
        let wide = try ReliabilityCSV.parse("A,B\n1,2\n3,\n")
        let transposed = try ReliabilityCSV.parse("coder,u1,u2\nA,1,3\nB,2,\n", layout: .codersByUnits)
        let long = try ReliabilityCSV.parse("unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,3\n", layout: .long)
        #expect(wide.codes == transposed.codes && wide.codes == long.codes)
        #expect(long.unitIDs == ["u1", "u2"])
    }

    @Test("Errors name the row and column", arguments: [
        ("A,B\n1,2\n3\n", "row 3"),
        ("A,B\n1,x\n", "row 2, column 2"),
        ("A\n1\n2\n", "at least two coders"),
        ("", "no reliability data"),
        ("A,B\n\"1,2\n", "never closed"),
    ])
    func errors(text: String, message: String) throws {
        do {
            _ = try ReliabilityCSV.parse(text, source: "codes.csv", level: .interval)
            Issue.record("expected an error")
        } catch let error as AgreementError {
            #expect(error.description.contains("codes.csv"))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("Long layout rejects a coder coding a unit twice")
    func duplicate() {
        #expect(throws: AgreementError.self) { try ReliabilityCSV.parse("u1,A,1\nu1,A,2\nu1,B,1\n", layout: .long) }
    }

    @Test("Declared categories set ordinal order")
    func declaredOrder() throws {
        let data = try ReliabilityCSV.parse("A,B\nlow,high\nmid,mid\n", categoryOrder: ["low", "mid", "high"])
        #expect(data.categories == ["low", "mid", "high"])
        #expect(data.categoryValues == nil)
    }
}
