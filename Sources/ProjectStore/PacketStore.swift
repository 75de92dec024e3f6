import ArchiveIngest
import Foundation
import GRDB

/// Exports a coder's work as a ``CoderPacket`` and merges packets back, idempotently.
public struct PacketStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// The coder's own codings and finished units in a round (never another coder's), with the
    /// fingerprints of every document the coder's assigned or coded units come from.
    /// While the round is blind and open, only the coder themselves may export their packet.
    public func export(coder: String, round name: String, as viewer: Viewer) throws -> CoderPacket {
        try database.writer.read { db in
            let store = CodingStore(database: database)
            let round = try store.round(name, db)
            _ = try store.coder(coder, db)
            try AccessPolicy.requireWork(of: coder, in: round, for: viewer, db)
            let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
            func unit(_ passageId: Int64, _ caseId: String) throws -> CoderPacket.Unit {
                let row = try Row.fetchOne(db, sql: """
                    SELECT d.identity, p.anchor FROM passage p JOIN document d ON d.id = p.document_id WHERE p.id = ?
                    """, arguments: [passageId])!
                return CoderPacket.Unit(document: row["identity"], anchor: row["anchor"], caseId: caseId)
            }
            let codings = try CodingRecord
                .filter(Column("round_id") == round.id! && Column("coder") == coder && Column("retracted_at") == nil)
                .order(Column("id")).fetchAll(db)
                .map { c in
                    CoderPacket.Coding(unit: try unit(c.passageId, c.caseId), criterion: c.criterionId, spanStart: c.spanStart,
                                       spanEnd: c.spanEnd, quote: c.quote, note: c.note, test: c.test,
                                       attributes: c.attributes, createdAt: c.createdAt)
                }
            let done = try Row.fetchAll(db, sql: "SELECT passage_id, case_id FROM unit_done WHERE round_id = ? AND coder = ? ORDER BY passage_id, case_id",
                                        arguments: [round.id, coder]).map { try unit($0["passage_id"], $0["case_id"]) }
            let documents = try Row.fetchAll(db, sql: """
                SELECT DISTINCT d.identity, d.content_hash FROM document d JOIN passage p ON p.document_id = d.id
                WHERE p.id IN (SELECT passage_id FROM assignment WHERE round_id = ?1 AND coder = ?2
                               UNION SELECT passage_id FROM coding WHERE round_id = ?1 AND coder = ?2)
                ORDER BY d.identity
                """, arguments: [round.id, coder]).map {
                CoderPacket.DocumentFingerprint(identity: $0["identity"], contentHash: $0["content_hash"])
            }
            return CoderPacket(format: CoderPacket.formatVersion, coder: coder, round: name, codebookId: codebook.codebookId,
                               codebookVersion: codebook.version, codebookHash: codebook.contentHash,
                               corpusFingerprint: Self.fingerprint(documents), documents: documents,
                               codings: codings, done: done, exportedAt: Date())
        }
    }

    static func fingerprint(_ documents: [CoderPacket.DocumentFingerprint]) -> String {
        ContentHash.sha256Hex(Data(documents.sorted { $0.identity < $1.identity }
            .map { "\($0.identity)\t\($0.contentHash)\n" }.joined().utf8))
    }

    /// Writes a packet as JSON.
    public static func write(_ packet: CoderPacket, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(packet).write(to: url)
    }

    /// Reads a packet file.
    public static func read(_ url: URL) throws -> CoderPacket {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(CoderPacket.self, from: Data(contentsOf: url))
        } catch {
            throw PacketError.unreadable(file: url.path, reason: "\(error)")
        }
    }

    public struct MergeResult: Sendable, Equatable {
        public var added: Int
        public var alreadyPresent: Int
        public var unitsDone: Int
    }

    /// Merges a packet into this project: checks codebook and corpus, then adds the codings and
    /// finished units that are not there yet, all in one transaction. Merging twice changes nothing.
    public func merge(_ packet: CoderPacket, file: String) throws -> MergeResult {
        guard packet.format <= CoderPacket.formatVersion else {
            throw PacketError.unsupportedFormat(file: file, format: packet.format)
        }
        guard Self.fingerprint(packet.documents) == packet.corpusFingerprint else {
            throw PacketError.fingerprintMismatch(file: file)
        }
        return try database.writer.write { db in
            let store = CodingStore(database: database)
            let round = try store.round(packet.round, db)
            let codebook = try CodebookVersionRecord.fetchOne(db, key: round.codebookVersionId)!
            guard codebook.codebookId == packet.codebookId, codebook.contentHash == packet.codebookHash else {
                throw PacketError.codebookMismatch(file: file, packet: "\(packet.codebookId) \(packet.codebookVersion)",
                                                   project: codebook.label)
            }
            var mismatched: [String] = []
            for doc in packet.documents {
                let here = try String.fetchOne(db, sql: "SELECT content_hash FROM document WHERE identity = ? AND is_current = 1",
                                               arguments: [doc.identity])
                if here != doc.contentHash { mismatched.append(doc.identity) }
            }
            guard mismatched.isEmpty else { throw PacketError.corpusMismatch(file: file, documents: mismatched) }
            func passage(_ unit: CoderPacket.Unit) throws -> CodingUnit {
                guard let id = try Int64.fetchOne(db, sql: """
                    SELECT p.id FROM passage p JOIN document d ON d.id = p.document_id
                    WHERE d.identity = ? AND d.is_current = 1 AND p.anchor = ?
                    """, arguments: [unit.document, unit.anchor]) else {
                    throw PacketError.corpusMismatch(file: file, documents: ["\(unit.document) \(unit.anchor)"])
                }
                return CodingUnit(passageId: id, caseId: unit.caseId)
            }
            var result = MergeResult(added: 0, alreadyPresent: 0, unitsDone: 0)
            let origin = "packet:\(URL(fileURLWithPath: file).lastPathComponent)"
            for c in packet.codings {
                let span = c.spanStart.flatMap { s in c.spanEnd.map { s..<$0 } }
                do {
                    _ = try store.add(.init(coder: packet.coder, round: packet.round, unit: try passage(c.unit),
                                            criterion: c.criterion, span: span, note: c.note, test: c.test,
                                            attributes: c.attributes, origin: origin), db)
                    result.added += 1
                } catch CodingError.duplicate {
                    result.alreadyPresent += 1
                }
            }
            for u in packet.done where try store.markDone(coder: packet.coder, round: packet.round, unit: try passage(u), origin: origin, db) {
                result.unitsDone += 1
            }
            return result
        }
    }
}
