import Foundation
import Testing
@testable import Codebook

@Suite struct ReliabilitySettingsTests {
    @Test("a codebook's reliability section is read, and survives a JSON round trip")
    func readsTheSection() throws {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "title: Minimal\n", with: """
            title: Minimal
            reliability:
              reliable: 0.9
              tentative: 0.75
              significance: 0.01
              min_units: 60

            """)
        let codebook = try Fixtures.codebook(yaml)
        #expect(codebook.reliability == ReliabilitySettings(reliable: 0.9, tentative: 0.75, significance: 0.01, minimumUnits: 60))
        let again = try JSONDecoder().decode(Codebook.self, from: JSONEncoder().encode(codebook))
        #expect(again.reliability == codebook.reliability)
        // Without the section: nil, and codebooks stored before it existed still decode.
        #expect(try Fixtures.codebook(Fixtures.minimal).reliability == nil)
    }

    @Test("values out of range are errors on their own line")
    func outOfRange() {
        let yaml = Fixtures.minimal.replacingOccurrences(of: "title: Minimal\n", with: """
            title: Minimal
            reliability:
              reliable: 1.2
              tentative: 0
              significance: 0.5
              min_units: 1

            """)
        let errors = Fixtures.issues(yaml).filter { $0.severity == .error }
        #expect(errors.map(\.location.line) == [5, 6, 7, 8])
        #expect(errors.allSatisfy { $0.problem.description.hasPrefix("reliability: ") })
        let crossed = Fixtures.minimal.replacingOccurrences(of: "title: Minimal\n", with: "title: Minimal\nreliability: {reliable: 0.7, tentative: 0.8}\n")
        #expect(Fixtures.issues(crossed).contains { $0.severity == .error && $0.problem.description.contains("tentative (0.8) is above reliable (0.7)") })
        let notANumber = Fixtures.minimal.replacingOccurrences(of: "title: Minimal\n", with: "title: Minimal\nreliability: {reliable: high}\n")
        #expect(Fixtures.issues(notANumber).contains { $0.severity == .error && $0.location.line == 4 })
    }
}
