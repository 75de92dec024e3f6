import Foundation
import Testing
@testable import Agreement

@Suite("Methodologist's diagnostics")
struct DiagnosticsTests {
    /// Two coders, binary, the kappa paradox: 40 units, 36 both absent, 2 both present, 1 each way.
    /// By hand (Byrt et al.'s "yes" = 1): p_o = 38/40 = .95; PI = (a − d)/n = (2 − 36)/40 = −.85;
    /// BI = (b − c)/n = (1 − 1)/40 = 0; PABAK = 2·.95 − 1 = .90;
    /// Cohen: marginals 37/3 each, p_e = (37² + 3²)/1600 = 1378/1600, kappa = (.95 − .86125)/(.13875).
    @Test("Prevalence and bias indices, PABAK and Cohen's kappa by hand")
    func paradox() throws {
        var rows: [[Double?]] = Array(repeating: [0, 0], count: 36) + Array(repeating: [1, 1], count: 2)
        rows += [[1, 0], [0, 1]]
        let d = try AgreementDiagnostics(try ReliabilityData(numbers: rows))
        let p = try #require(d.pairs.first)
        #expect(p.confusion == [36, 1, 1, 2])
        #expect(abs(try #require(p.observedAgreement) - 0.95) < 1e-12)
        #expect(abs(try #require(p.prevalenceIndex) + 0.85) < 1e-12)
        #expect(try #require(p.biasIndex) == 0)
        #expect(abs(try #require(p.pabak) - 0.9) < 1e-12)
        let expectedKappa: Double = (0.95 - 0.86125) / (1 - 0.86125)
        let kappa: Double = try #require(p.cohenKappa)
        #expect(abs(kappa - expectedKappa) < 1e-12)
        // PABAK is Brennan–Prediger for two coders and two categories.
        let bp = ChanceCorrectedAgreement.brennanPrediger(try ReliabilityData(numbers: rows))
        #expect(abs(try #require(bp.value) - p.pabak!) < 1e-12)
        #expect(d.marginals.map(\.counts) == [[37, 3], [37, 3]])
        // Both disagreeing units carry the disagreement, half each.
        #expect(d.disagreementUnits.map(\.unit) == [38, 39])
        #expect(d.disagreementUnits.allSatisfy { abs($0.share - 0.5) < 1e-12 })
    }

    /// Byrt, Bishop & Carlin (1993): PI = (a − d)/n, BI = (b − c)/n with a = both "yes" (1), d = both "no",
    /// b = first "yes" and second "no". Here a = 5, b = 3, c = 1, d = 11: PI = −6/20, BI = 2/20, and their
    /// identity kappa = (PABAK − PI² + BI²)/(1 − PI² + BI²) holds.
    @Test("Prevalence and bias indices take Byrt et al.'s signs on 0/1 data")
    func byrtSigns() throws {
        var rows: [[Double?]] = Array(repeating: [1, 1], count: 5) + Array(repeating: [1, 0], count: 3)
        rows += [[0, 1]] + Array(repeating: [0, 0], count: 11)
        let p = try #require(try AgreementDiagnostics(try ReliabilityData(numbers: rows)).pairs.first)
        let pi = try #require(p.prevalenceIndex), bi = try #require(p.biasIndex)
        #expect(abs(pi + 0.3) < 1e-12)
        #expect(abs(bi - 0.1) < 1e-12)
        let pabak = try #require(p.pabak), kappa = try #require(p.cohenKappa)
        #expect(abs(kappa - (pabak - pi * pi + bi * bi) / (1 - pi * pi + bi * bi)) < 1e-12)
    }

    @Test("Three coders: pairwise matrices and alpha with each coder left out")
    func leaveOneOut() throws {
        let data = try ReliabilityData(numbers: krippendorff2011)
        let d = try AgreementDiagnostics(data)
        #expect(d.pairs.count == 6)
        #expect(d.leaveOneOut.count == 4)
        for (g, l) in d.leaveOneOut.enumerated() {
            let table = krippendorff2011.map { row in row.enumerated().filter { $0.offset != g }.map(\.element) }
            let expected = try KrippendorffAlpha(try ReliabilityData(numbers: table), level: .nominal).value
            #expect(l.alpha == expected, "\(l.coder)")
        }
        #expect(abs(d.disagreementUnits.map(\.share).reduce(0, +) - 1) < 1e-12)
        // Unit 6 (values 1, 2, 3, 4) disagrees most.
        #expect(d.disagreementUnits.first?.unit == 5)
    }
}

@Suite("Alpha with the MASI distance for set-valued codings, against the Python reference")
struct SetValuedAlphaTests {
    struct File: Decodable {
        struct Fixture: Decodable { let name: String; let units: [[[String]?]]; let alpha: Double? }
        struct Distance: Decodable { let a: [String]; let b: [String]; let distance: Double }
        let fixtures: [Fixture]
        let distances: [Distance]
    }

    static let file: File = {
        let url = Bundle.module.url(forResource: "masi_alpha", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }()

    @Test("MASI distances as NLTK defines them")
    func distances() {
        for d in Self.file.distances {
            #expect(abs(SetValuedAlpha.masiDistance(Set(d.a), Set(d.b)) - d.distance) < 1e-12, "\(d.a) \(d.b)")
        }
    }

    @Test("Alpha agrees with the pairwise Python definition to 1e-9")
    func alpha() throws {
        for f in Self.file.fixtures {
            let a = try SetValuedAlpha(units: f.units.map { $0.map { $0.map(Set.init) } })
            if let expected = f.alpha {
                #expect(abs(try #require(a.value) - expected) < 1e-9, "\(f.name)")
            } else {
                #expect(a.value == nil)
            }
        }
    }

    @Test("Single-label sets give nominal alpha")
    func nominal() throws {
        let sets = krippendorff2011.map { $0.map { $0.map { Set([String(Int($0))]) } } }
        let masi = try SetValuedAlpha(units: sets)
        let nominal = try KrippendorffAlpha(try ReliabilityData(numbers: krippendorff2011), level: .nominal)
        #expect(abs(try #require(masi.value) - nominal.value!) < 1e-12)
    }
}
