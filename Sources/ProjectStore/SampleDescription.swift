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
    /// For one `assign` run: units of the draw that were not assigned before (nil in a round's sample).
    public var newUnits: Int?
    /// For one `assign` run: units of the draw that were already assigned (nil in a round's sample).
    public var alreadyAssigned: Int?
    /// Earlier draws made again with other coders or a larger population are not counted twice.
    var draws: [String]?

    public init(method: String, caseIds: [String], query: String? = nil, documentIds: [Int64]? = nil, population: Int,
                fraction: Double? = nil, seed: UInt64? = nil, units: Int, coders: [String]) {
        self.method = method; self.caseIds = caseIds; self.query = query; self.documentIds = documentIds
        self.population = population; self.fraction = fraction; self.seed = seed; self.units = units; self.coders = coders
    }

    /// What identifies a draw: the same method, cases, query, documents, fraction and seed draw the same population.
    var drawKey: String {
        [method, caseIds.joined(separator: ","), query ?? "", (documentIds ?? []).map(String.init).joined(separator: ","),
         fraction.map { "\($0)" } ?? "", seed.map { "\($0)" } ?? ""].joined(separator: "|")
    }

    /// The description of this sample and a later assignment to the same round, taken together.
    func merged(with other: SampleDescription) -> SampleDescription {
        var m = self
        let seen = draws ?? [drawKey]
        m.draws = seen.contains(other.drawKey) ? seen : seen + [other.drawKey]
        m.units += other.units
        m.coders = Array(Set(coders + other.coders)).sorted()
        // The same draw again (e.g. for another coder) adds units, not population.
        if seen.contains(other.drawKey) { return m }
        if other.method != method && !method.contains(other.method) { m.method = "\(method); \(other.method)" }
        m.caseIds = Array(Set(caseIds + other.caseIds)).sorted()
        if other.query != nil && other.query != query { m.query = [query, other.query].compactMap { $0 }.joined(separator: "; ") }
        if let d = other.documentIds { m.documentIds = (documentIds ?? []) + d }
        m.population += other.population
        if fraction != other.fraction { m.fraction = nil }
        if seed != other.seed { m.seed = nil }
        return m
    }
}
