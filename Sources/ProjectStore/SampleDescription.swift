import Foundation
import GRDB

/// How a round's units were drawn, for the reliability report.
public struct SampleDescription: Codable, Sendable, Equatable {
    public var method: String
    public var caseIds: [String]
    public var query: String?
    public var documentIds: [Int64]?
    public var population: Int
    public var fraction: Double?
    public var seed: UInt64?
    public var units: Int
    public var coders: [String]

    /// The description of this sample and a later assignment to the same round, taken together.
    func merged(with other: SampleDescription) -> SampleDescription {
        var m = self
        if other.method != method && !method.contains(other.method) { m.method = "\(method); \(other.method)" }
        m.caseIds = Array(Set(caseIds + other.caseIds)).sorted()
        if other.query != nil && other.query != query { m.query = [query, other.query].compactMap { $0 }.joined(separator: "; ") }
        if let d = other.documentIds { m.documentIds = (documentIds ?? []) + d }
        m.population += other.population
        m.units += other.units
        if fraction != other.fraction { m.fraction = nil }
        if seed != other.seed { m.seed = nil }
        m.coders = Array(Set(coders + other.coders)).sorted()
        return m
    }
}
