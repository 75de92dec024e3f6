import Codebook
import Foundation
import GRDB

/// A coder's work in one round, portable between copies of a project: for research assistants who
/// code on their own laptops. Units are named by document identity and passage anchor (ids differ
/// between copies); the packet carries the corpus fingerprint and the codebook version it was made
/// against, and merging refuses a packet that does not match.
///
/// Format 2 also carries what the coder withdrew (retractions) and their notes on whole units, so
/// corrections made on the laptop travel too. Format 1 packets (codings and done marks only) still merge.
public struct CoderPacket: Codable, Sendable, Equatable {
    public static let formatVersion = 2

    public struct DocumentFingerprint: Codable, Sendable, Equatable {
        public var identity: String
        public var contentHash: String
    }

    public struct Unit: Codable, Sendable, Equatable, Hashable {
        public var document: String
        public var anchor: String
        public var caseId: String
    }

    public struct Coding: Codable, Sendable, Equatable {
        public var unit: Unit
        public var criterion: String
        public var spanStart: Int?
        public var spanEnd: Int?
        public var quote: String?
        public var note: String?
        public var test: String?
        public var attributes: [String: String]
        public var createdAt: Date
        /// `supports` or `contradicts`; packets written before directions existed have none (supports).
        public var direction: EvidenceDirection?
    }

    /// A coding the coder withdrew: merging withdraws it here too, unless the packet tags it again.
    public struct Retraction: Codable, Sendable, Equatable {
        public var unit: Unit
        public var criterion: String
        public var spanStart: Int?
        public var spanEnd: Int?
        public var retractedAt: Date
        public var reason: String?
    }

    /// A note on a unit as a whole (see ``UnitNoteRecord``).
    public struct UnitNote: Codable, Sendable, Equatable {
        public var unit: Unit
        public var note: String
        public var createdAt: Date
    }

    public var format: Int
    public var coder: String
    public var round: String
    public var codebookId: String
    public var codebookVersion: String
    public var codebookHash: String
    /// SHA-256 over the sorted document fingerprints below.
    public var corpusFingerprint: String
    public var documents: [DocumentFingerprint]
    public var codings: [Coding]
    public var done: [Unit]
    /// Format 2: the coder's retractions in the round (nil in format 1).
    public var retractions: [Retraction]?
    /// Format 2: the coder's live notes on whole units (nil in format 1).
    public var notes: [UnitNote]?
    public var exportedAt: Date
}
