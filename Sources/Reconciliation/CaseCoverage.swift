import Foundation

/// A lead's record that a case was searched in a round: which queries, volumes and date ranges,
/// how many candidate passages the search turned up and how many of them were coded.
///
/// Coverage is what lets `not found` say something: only when every candidate was coded, and
/// only for a criterion the codebook marks `absence_is_evidence`, does "nothing found" count as
/// evidence that the criterion does not hold.
public struct CaseCoverage: Sendable, Hashable, Codable {
    public var caseId: String
    public var round: String
    /// Search queries run (full-text or the search command's syntax), as typed.
    public var queries: [String]
    /// Volumes or collections searched (document ids, FRUS volume ids, archive series).
    public var volumes: [String]
    /// Date ranges searched, `FROM/TO` as written.
    public var dateRanges: [String]
    /// Passages the search turned up.
    public var candidates: Int
    /// Of those, how many were coded (finished in the round).
    public var coded: Int
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(caseId: String, round: String, queries: [String], volumes: [String], dateRanges: [String],
                candidates: Int, coded: Int, note: String? = nil, recordedBy: String, recordedAt: Date) {
        self.caseId = caseId
        self.round = round
        self.queries = queries
        self.volumes = volumes
        self.dateRanges = dateRanges
        self.candidates = candidates
        self.coded = coded
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// Every candidate passage was coded.
    public var isFull: Bool { coded >= candidates }

    /// One line: `3 queries, 2 volumes, 1950-06/1951-12; 40 candidates, 40 coded (full), by lead`.
    public var summary: String {
        var parts: [String] = []
        if !queries.isEmpty { parts.append("queries " + queries.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if !volumes.isEmpty { parts.append("volumes " + volumes.joined(separator: ", ")) }
        if !dateRanges.isEmpty { parts.append("dates " + dateRanges.joined(separator: ", ")) }
        parts.append("\(candidates) candidate(s), \(coded) coded\(isFull ? " (full)" : " (partial)")")
        parts.append("recorded by \(recordedBy)")
        return parts.joined(separator: "; ")
    }
}
