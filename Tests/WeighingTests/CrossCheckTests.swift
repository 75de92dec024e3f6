import Foundation
import Testing
@testable import Weighing

/// Every weight, running log-odds, posterior, grid posterior, damped posterior and decisive item
/// against `Benchmarks/weighing/reference.py`, an independent implementation that multiplies
/// probabilities with numpy instead of adding decibans. Two ways: the committed fixture
/// (`--emit-fixture`, seed 18), always; and fresh random cases through python3, when python3
/// with numpy is on the machine. Tolerance 1e-9.
@Suite struct CrossCheckTests {
    struct Cases: Codable {
        struct Binary: Codable { var prior: Double; var items: [[Double]]; var grid: [Double]; var factor: Double }
        struct Rivals: Codable { var priors: [Double]; var likelihoods: [[Double]] }
        var binary: [Binary]
        var rivals: [Rivals]
    }
    struct Expected: Codable {
        struct Binary: Codable {
            var weights: [Double]; var running: [Double]; var posterior: Double; var grid: [Double]
            var damped: Double; var decisive: [Int]
        }
        struct Rivals: Codable { var posteriors: [Double] }
        var binary: [Binary]
        var rivals: [Rivals]
    }
    struct Fixture: Codable { var source: String; var cases: Cases; var expected: Expected }

    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func compare(_ cases: Cases, _ expected: Expected) throws {
        #expect(cases.binary.count == expected.binary.count)
        for (c, e) in zip(cases.binary, expected.binary) {
            let items = try c.items.map { try EvidenceLikelihood(ifTrue: $0[0], ifFalse: $0[1]) }
            let weights = try items.map { try $0.decibans }
            for (a, b) in zip(weights, e.weights) { #expect(abs(a - b) < 1e-9) }
            let running = try Weighing.runningLogOdds(prior: c.prior, weights: weights)
            #expect(running.count == e.running.count)
            for (a, b) in zip(running, e.running) { #expect(abs(a - b) < 1e-9) }
            #expect(abs(try Weighing.posterior(prior: c.prior, weights: weights) - e.posterior) < 1e-9)
            let s = try Sensitivity(prior: c.prior, weights: weights, grid: c.grid, dampingFactor: c.factor)
            for (a, b) in zip(s.grid.map(\.posterior), e.grid) { #expect(abs(a - b) < 1e-9) }
            #expect(abs(s.dampedPosterior - e.damped) < 1e-9)
            #expect(s.decisiveItems == e.decisive)
        }
        #expect(cases.rivals.count == expected.rivals.count)
        for (c, e) in zip(cases.rivals, expected.rivals) {
            let got = try Weighing.posteriors(priors: c.priors, likelihoods: c.likelihoods)
            for (a, b) in zip(got, e.posteriors) { #expect(abs(a - b) < 1e-9) }
        }
    }

    @Test("the committed fixture from reference.py")
    func fixture() throws {
        let url = try #require(Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.binary.count == 25)
        try compare(fixture.cases, fixture.expected)
    }

    @Test("fresh random cases through python3 and numpy")
    func live() throws {
        let script = Self.repoRoot.appendingPathComponent("Benchmarks/weighing/reference.py")
        func python(_ args: [String], input: Data? = nil) throws -> Data? {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3"] + args
            let out = Pipe(), inPipe = Pipe()
            p.standardOutput = out
            p.standardError = Pipe()
            p.standardInput = inPipe
            do { try p.run() } catch { return nil }
            if let input { inPipe.fileHandleForWriting.write(input) }
            try? inPipe.fileHandleForWriting.close()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? data : nil
        }
        guard FileManager.default.fileExists(atPath: script.path),
              let generated = try python([script.path, "--generate", "60", "--seed", "1818"]) else {
            print("skipped: python3 with numpy is not available to run Benchmarks/weighing/reference.py")
            return
        }
        let cases = try JSONDecoder().decode(Cases.self, from: generated)
        let answer = try #require(try python([script.path], input: generated))
        try compare(cases, try JSONDecoder().decode(Expected.self, from: answer))
    }
}
