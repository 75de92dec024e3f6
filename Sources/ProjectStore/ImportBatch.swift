import Foundation
import GRDB

/// One file imported into the project: where it came from, its fingerprint, and what it added.
public struct ImportBatch: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "import_batch"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var path: String
    public var sha256: String
    public var size: Int
    public var format: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var documents: Int
    public var newDocuments: Int
    public var newVersions: Int
    public var unchangedDocuments: Int
    public var passages: Int
    public var status: String
    public var error: String?
    public var warnings: String?

    /// `status` of a batch being staged: its documents exist but are not current yet.
    static let staging = "staging"

    /// Who stages a batch, as `pid@host`, so a later import can tell a dead import from a running one.
    static var currentOwner: String {
        "\(getpid())@\(ProcessInfo.processInfo.hostName)"
    }

    /// True when `owner` is a process of this machine that no longer runs (or the owner is unknown).
    static func ownerIsGone(_ owner: String?) -> Bool {
        guard let owner, let at = owner.firstIndex(of: "@"), let pid = Int32(owner[..<at]) else { return true }
        guard owner[owner.index(after: at)...] == ProcessInfo.processInfo.hostName else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
