import ArchiveIngest
import Codebook
import Foundation
import GRDB

/// Stores the case register: actors with their aliases, operations, cases and the payments ledger.
/// Loading upserts by id in one transaction, so a register file can be corrected and loaded again;
/// nothing is deleted, because codings may point at a case.
public struct RegisterStore: Sendable {
    public let database: ProjectDatabase

    public init(database: ProjectDatabase) {
        self.database = database
    }

    /// Counts of what a load wrote.
    public struct LoadResult: Sendable, Equatable {
        public var actors = 0, operations = 0, cases = 0, payments = 0
    }

    /// Validates a register file whole (every problem at once, with file:line) and stores it.
    @discardableResult
    public func load(file: URL, by who: String = "-") throws -> LoadResult {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw StoreError.invalid("\(file.path): cannot read the register file.")
        }
        let register = try Register.load(data: data, path: file.path)
        return try store(register, source: (file.path, ContentHash.sha256Hex(data)), by: who)
    }

    /// Stores a validated register (upserting by id). References to actors, operations or cases
    /// that are neither in `register` nor already in the project are refused.
    /// With `source` (the file's path and SHA-256), the load is recorded in the audit log.
    @discardableResult
    public func store(_ register: Register, source: (path: String, sha256: String)? = nil, by who: String = "-") throws -> LoadResult {
        let result = try database.writer.write { db in
            var result = LoadResult()
            for actor in register.actors {
                try save(actor, db)
                result.actors += 1
            }
            for operation in register.operations {
                try save(operation, db)
                result.operations += 1
            }
            for c in register.cases {
                try save(c, db)
                result.cases += 1
            }
            for payment in register.payments {
                try save(payment, db)
                result.payments += 1
            }
            if let source {
                try AuditLog.record(db, who: who, action: "register.load", entity: "register", id: source.path,
                                    detail: RegisterLoadEvent(path: source.path, sha256: source.sha256, actors: result.actors,
                                                              operations: result.operations, cases: result.cases,
                                                              payments: result.payments))
            }
            return result
        }
        try refreshMentions()
        return result
    }

    /// Stored mentions follow the register: an actor added or whose name or aliases changed has
    /// its mentions computed now, after the register write and in transactions of its own.
    private func refreshMentions() throws {
        try MentionStore(database: database).refresh()
    }

    func save(_ actor: Actor, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO actor (id, name, kind, iso3, definition) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, iso3 = excluded.iso3,
                definition = excluded.definition
            """, arguments: [actor.id, actor.name, actor.kind.rawValue, actor.iso3, Self.json(actor)])
        try db.execute(sql: "DELETE FROM actor_alias WHERE actor_id = ?", arguments: [actor.id])
        for alias in Set([actor.name] + actor.aliases) {
            try db.execute(sql: "INSERT INTO actor_alias (actor_id, alias) VALUES (?, ?)", arguments: [actor.id, alias])
        }
    }

    func save(_ operation: MilitaryOperation, _ db: Database) throws {
        for pivotal in operation.pivotalStates { try requireActor(pivotal, db, context: "operation \(operation.id)") }
        try db.execute(sql: """
            INSERT INTO operation (id, name, framework, start_year, end_year, definition) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, framework = excluded.framework,
                start_year = excluded.start_year, end_year = excluded.end_year, definition = excluded.definition
            """, arguments: [operation.id, operation.name, operation.framework.rawValue, operation.startYear,
                             operation.endYear, Self.json(operation)])
    }

    func save(_ c: CoalitionCase, _ db: Database) throws {
        try requireActor(c.recipient, db, context: "case \(c.id)")
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM operation WHERE id = ?)", arguments: [c.operation]) == true else {
            throw StoreError.invalid("case \(c.id): no operation '\(c.operation)'. Add it first (`dossier operation add`).")
        }
        try db.execute(sql: """
            INSERT INTO coalition_case (id, recipient_id, operation_id, note, subject, source) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET recipient_id = excluded.recipient_id, operation_id = excluded.operation_id,
                note = excluded.note, subject = excluded.subject, source = excluded.source
            """, arguments: [c.id, c.recipient, c.operation, c.note, c.subject.rawValue, c.source])
    }

    func save(_ p: Payment, _ db: Database) throws {
        try requireActor(p.payer, db, context: "payment \(p.id)")
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM coalition_case WHERE id = ?)", arguments: [p.caseID]) == true else {
            throw StoreError.invalid("payment \(p.id): no case '\(p.caseID)'. Add it first (`dossier case add`).")
        }
        try db.execute(sql: """
            INSERT INTO payment (id, case_id, payer_id, scheme, subtype, amount, currency, basis, years, status, definition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, payer_id = excluded.payer_id,
                scheme = excluded.scheme, subtype = excluded.subtype, amount = excluded.amount,
                currency = excluded.currency, basis = excluded.basis, years = excluded.years,
                status = excluded.status, definition = excluded.definition
            """, arguments: [p.id, p.caseID, p.payer, p.scheme.rawValue, p.subtype?.rawValue,
                             p.amount.map { NSDecimalNumber(decimal: $0).doubleValue }, p.currency, p.basis.rawValue,
                             p.years?.description, p.status.rawValue, Self.json(p)])
    }

    private func requireActor(_ id: String, _ db: Database, context: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actor WHERE id = ?)", arguments: [id]) == true else {
            throw StoreError.invalid("\(context): no actor '\(id)'. Add it first (`dossier actor add`).")
        }
    }

    /// What the audit log keeps of a register load.
    struct RegisterLoadEvent: Encodable {
        var path: String
        var sha256: String
        var actors, operations, cases, payments: Int
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    // MARK: Single additions (CLI `add`)

    /// One `register.edit` event per single addition or change, with the entry as written and the
    /// one it replaced, so a classification that moved because the register changed can be traced
    /// to who changed it and when (a bulk `register load` is one `register.load` event).
    private func recordEdit<T: Codable>(_ entry: T, entity: String, id: String, previous: T?, by who: String, _ db: Database) throws {
        try AuditLog.record(db, who: who, action: "register.edit", entity: entity, id: id, detail: entry, previous: previous)
    }

    /// The stored definition of an entry, for the audit event of its change.
    private func stored<T: Decodable>(_ type: T.Type, table: String, id: String, _ db: Database) throws -> T? {
        try String.fetchOne(db, sql: "SELECT definition FROM \(table) WHERE id = ?", arguments: [id])
            .flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    public func add(actor: Actor, by who: String = "-") throws {
        try database.writer.write { db in
            let previous = try stored(Actor.self, table: "actor", id: actor.id, db)
            try save(actor, db)
            try recordEdit(actor, entity: "actor", id: actor.id, previous: previous, by: who, db)
        }
        try refreshMentions()
    }

    /// Adds a new actor; an id already in the register is refused (change it with ``updateActor(id:name:kind:iso3:aliases:by:)``).
    public func create(actor: Actor, by who: String = "-") throws {
        try database.writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM actor WHERE id = ?)", arguments: [actor.id]) == true {
                throw StoreError.invalid("actor \(actor.id) already exists; change it with `dossier actor update \(actor.id)` (it keeps what you do not give).")
            }
            try save(actor, db)
            try recordEdit(actor, entity: "actor", id: actor.id, previous: nil, by: who, db)
        }
        try refreshMentions()
    }

    /// Changes an actor, keeping every field not given; `aliases` replaces the alias list when given.
    @discardableResult
    public func updateActor(id: String, name: String? = nil, kind: Actor.Kind? = nil, iso3: String? = nil,
                            aliases: [String]? = nil, by who: String = "-") throws -> Actor {
        let updated = try database.writer.write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT definition FROM actor WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(kind: "actor", id: id)
            }
            let previous = try JSONDecoder().decode(Actor.self, from: Data(text.utf8))
            var actor = previous
            if let name { actor.name = name }
            if let kind { actor.kind = kind }
            if let iso3 { actor.iso3 = iso3 }
            if let aliases { actor.aliases = aliases }
            try save(actor, db)
            try recordEdit(actor, entity: "actor", id: actor.id, previous: previous, by: who, db)
            return actor
        }
        try refreshMentions()
        return updated
    }
    public func add(operation: MilitaryOperation, by who: String = "-") throws {
        try database.writer.write { db in
            let previous = try stored(MilitaryOperation.self, table: "operation", id: operation.id, db)
            try save(operation, db)
            try recordEdit(operation, entity: "operation", id: operation.id, previous: previous, by: who, db)
        }
    }
    public func add(case c: CoalitionCase, by who: String = "-") throws {
        try database.writer.write { db in
            let previous = try Row.fetchOne(db, sql: "SELECT * FROM coalition_case WHERE id = ?", arguments: [c.id]).map {
                CoalitionCase(id: $0["id"], recipient: $0["recipient_id"], operation: $0["operation_id"], note: $0["note"],
                              subject: SubjectKind(rawValue: $0["subject"]) ?? .coalitionCase, source: $0["source"])
            }
            try save(c, db)
            try recordEdit(c, entity: "case", id: c.id, previous: previous, by: who, db)
        }
    }
    /// Adds or updates one payment, checked as `register validate` checks a register file (a subtype
    /// must be a kind of its scheme) and with every evidence reference naming a passage of this project.
    public func add(payment: Payment, by who: String = "-") throws {
        if let subtype = payment.subtype, subtype.scheme != payment.scheme {
            throw StoreError.invalid(RegisterProblem.subtypeSchemeMismatch(subtype: subtype.rawValue, scheme: payment.scheme.rawValue,
                                                                           payment: payment.id).description + ".")
        }
        try database.writer.write { db in
            for reference in payment.evidence {
                let digits = reference.lowercased().hasPrefix("p") ? String(reference.dropFirst()) : reference
                guard let id = Int64(digits),
                      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM passage WHERE id = ?)", arguments: [id]) == true else {
                    throw StoreError.invalid("payment \(payment.id): evidence '\(reference)' is not a passage of this project; give passage ids as `dossier search` prints them (p345).")
                }
            }
            let previous = try stored(Payment.self, table: "payment", id: payment.id, db)
            try save(payment, db)
            try recordEdit(payment, entity: "payment", id: payment.id, previous: previous, by: who, db)
        }
    }

    // MARK: Reading

    /// The whole register as stored.
    public func register() throws -> Register {
        try database.writer.read { db in
            let decoder = JSONDecoder()
            func all<T: Decodable>(_ table: String, _ type: T.Type) throws -> [T] {
                try String.fetchAll(db, sql: "SELECT definition FROM \(table) ORDER BY id").map {
                    try decoder.decode(T.self, from: Data($0.utf8))
                }
            }
            let cases = try Row.fetchAll(db, sql: "SELECT * FROM coalition_case ORDER BY id").map {
                CoalitionCase(id: $0["id"], recipient: $0["recipient_id"], operation: $0["operation_id"], note: $0["note"],
                              subject: SubjectKind(rawValue: $0["subject"]) ?? .coalitionCase, source: $0["source"])
            }
            return Register(actors: try all("actor", Actor.self), operations: try all("operation", MilitaryOperation.self),
                            cases: cases, payments: try all("payment", Payment.self))
        }
    }
}
