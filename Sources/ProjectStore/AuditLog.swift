import Foundation
import GRDB

/// The append-only audit log: who did what, when, and what the value was before. Written in the
/// same transaction as the change it records; SQLite triggers refuse updates and deletes.
public enum AuditLog {
    static func record<T: Encodable>(_ db: Database, who: String, action: String, entity: String, id: String,
                                     roundId: Int64? = nil, detail: T, previous: T? = nil) throws {
        try db.execute(sql: """
            INSERT INTO audit_event (at, who, action, entity, entity_id, round_id, detail, previous)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Date(), who, action, entity, id, roundId, json(detail), previous.map(json)])
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// One event, for `dossier log`.
    public struct Event: Codable, Sendable, FetchableRecord {
        public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
        public var id: Int64
        public var at: Date
        public var who: String
        public var action: String
        public var entity: String
        public var entityId: String
        public var roundId: Int64?
        public var detail: String?
        public var previous: String?
    }

    /// Events in order, optionally for one round, as `viewer` may read them (see ``AccessPolicy``).
    public static func events(_ database: ProjectDatabase, roundId: Int64? = nil, as viewer: Viewer = .anonymous) throws -> [Event] {
        try database.writer.read { db in
            let events: [Event]
            if let roundId {
                events = try Event.fetchAll(db, sql: "SELECT * FROM audit_event WHERE round_id = ? ORDER BY id", arguments: [roundId])
            } else {
                events = try Event.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id")
            }
            return try AccessPolicy.visibleEvents(events, for: viewer, db)
        }
    }
}
