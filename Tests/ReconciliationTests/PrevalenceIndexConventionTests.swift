import Testing
import Agreement
@testable import Reconciliation

/// `dossier agreement --diagnostics` (Agreement) and `reconcile`/the report (Reconciliation) compute Byrt,
/// Bishop & Carlin's (1993) indices separately; on the same 2×2 table they must give the same signs.
@Suite("Prevalence and bias indices: one convention in agreement --diagnostics and reconcile")
struct PrevalenceIndexConventionTests {
    @Test("Same table, same PI, BI, PABAK and kappa", arguments: [(5, 3, 1, 11), (2, 1, 1, 36), (30, 0, 4, 2)])
    func sameConvention(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws {
        // 1 = present ("yes"), first coder in the first column.
        var rows: [[Double?]] = Array(repeating: [1, 1], count: a) + Array(repeating: [1, 0], count: b)
        rows += Array(repeating: [0, 1], count: c) + Array(repeating: [0, 0], count: d)
        let diagnostics = try #require(try AgreementDiagnostics(try ReliabilityData(numbers: rows)).pairs.first)
        let report = BinaryPairAgreement(criterion: "X", first: "1", second: "2", bothPresent: a, firstOnly: b,
                                         secondOnly: c, bothAbsent: d)
        let n = Double(a + b + c + d)
        #expect(abs(try #require(report.prevalenceIndex) - Double(a - d) / n) < 1e-12)
        #expect(abs(try #require(diagnostics.prevalenceIndex) - report.prevalenceIndex!) < 1e-12)
        #expect(abs(try #require(diagnostics.biasIndex) - report.biasIndex!) < 1e-12)
        #expect(abs(try #require(diagnostics.pabak) - report.pabak!) < 1e-12)
        #expect(abs(try #require(diagnostics.cohenKappa) - report.cohenKappa!) < 1e-12)
    }
}
