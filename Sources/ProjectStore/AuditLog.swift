import Foundation
import GRDB

/// The append-only audit log: who did what, when, and what the value was before. Written in the
/// same transaction as the change it records; SQLite triggers refuse updates and deletes.
public enum AuditLog {
    static func record<T: Encodable>(_ db: Database, who: String, action: String, entity: String, id: String,
                                     roundId: Int64? = nil, detail: T, previous: T? = nil,
                                     encoder: JSONEncoder? = nil, at time: DatabaseValue? = nil) throws {
        let encoder = encoder ?? makeEncoder()
        // A cached statement: a bulk write (`code import`) records one event per row.
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit_event_store (at, who, action, entity, entity_id, round_id, detail, previous)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [time ?? Date().databaseValue, who, action, entity, id, roundId, json(detail, encoder),
                                          previous.map { json($0, encoder) }])
    }

    /// The `coding.add` event of a coding just inserted, its detail built by SQLite from the row:
    /// the same JSON object `record` writes for a ``CodingRecord`` (snake_case keys in sorted
    /// order, absent values left out, the creation time in ISO 8601 to the second). A bulk write
    /// (`code import`) records one per row, where encoding each record was a fifth of the time.
    static func recordCodingAdd(_ db: Database, codingId: Int64, at time: DatabaseValue) throws {
        try db.cachedStatement(sql: codingAddSQL + " WHERE id = ?").execute(arguments: [time, codingId])
    }

    /// The `coding.add` events of the codings with ids in `ids` (a bulk write's consecutive ids),
    /// in id order, in one statement. Each event belongs to its coding's batch: the events of a
    /// staged import stay hidden with its codings until the batch is published.
    static func recordCodingAdds(_ db: Database, codingIds ids: ClosedRange<Int64>, at time: DatabaseValue) throws {
        try db.execute(sql: codingAddSQL + " WHERE id BETWEEN ? AND ? ORDER BY id", arguments: [time, ids.lowerBound, ids.upperBound])
    }

    // json_patch onto {} drops the keys whose value is null, as the encoder leaves nil out.
    private static let codingAddSQL = """
        INSERT INTO audit_event_store (at, who, action, entity, entity_id, round_id, detail, previous, batch_id)
        SELECT ?, coder, 'coding.add', 'coding', CAST(id AS TEXT), round_id, json_patch('{}', json_object(
            'attributes', json(attributes), 'case_id', case_id, 'coder', coder,
            'created_at', strftime('%Y-%m-%dT%H:%M:%SZ', created_at), 'criterion_id', criterion_id,
            'direction', direction, 'id', id, 'note', note, 'origin', origin, 'passage_id', passage_id,
            'quote', quote, 'retracted_at', retracted_at, 'retraction_reason', retraction_reason,
            'round_id', round_id, 'span_end', span_end, 'span_start', span_start, 'test', test)), NULL, batch_id
        FROM coding_store
        """

    /// The encoder every event's detail is written with (snake_case keys, sorted, ISO 8601 dates).
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static func json<T: Encodable>(_ value: T, _ encoder: JSONEncoder) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
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
