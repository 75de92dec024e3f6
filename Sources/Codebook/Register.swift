import Foundation

/// The case register: actors, operations, cases (recipient × operation) and the payments made
/// in them. Pure data; a store keeps it, a mention finder uses its aliases.
public struct Register: Sendable, Hashable, Codable {
    public var actors: [Actor]
    public var operations: [MilitaryOperation]
    public var cases: [CoalitionCase]
    public var payments: [Payment]

    public init(actors: [Actor] = [], operations: [MilitaryOperation] = [], cases: [CoalitionCase] = [], payments: [Payment] = []) {
        self.actors = actors
        self.operations = operations
        self.cases = cases
        self.payments = payments
    }

    /// Reads and validates a register. Throws every error at once; never returns part of a file.
    /// Warnings (unknown keys, ambiguous aliases) do not stop loading; get them from ``validate(data:path:)``.
    ///
    /// - Parameters:
    ///   - data: The file's bytes (UTF-8 YAML).
    ///   - path: Used only in messages (`Imports/register/buying-allies.yaml:40:7`).
    public static func load(data: Data, path: String) throws(RegisterError) -> Register {
        let (register, issues) = RegisterParser.parse(data: data, path: path)
        let errors = issues.filter { $0.severity == .error }
        guard errors.isEmpty, let register else { throw RegisterError.invalid(errors) }
        return register
    }

    /// Every problem in a register file, errors and warnings, in file order. Empty when clean.
    /// With `requireSources`, every actor, operation, case and payment must have a `source:`
    /// (an article locator or a full citation); a row without one is an error.
    public static func validate(data: Data, path: String, requireSources: Bool = false) -> [RegisterIssue] {
        RegisterParser.parse(data: data, path: path, requireSources: requireSources).issues
    }

    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
    public func operation(_ id: String) -> MilitaryOperation? { operations.first { $0.id == id } }
    public func coalitionCase(_ id: String) -> CoalitionCase? { cases.first { $0.id == id } }

    /// Payments of one case, in file order.
    public func payments(inCase id: String) -> [Payment] { payments.filter { $0.caseID == id } }

    /// A matcher over every actor's name and aliases.
    public func aliasMatcher() -> AliasMatcher {
        AliasMatcher(aliases: actors.flatMap { actor in
            ([actor.name] + actor.aliases).map { AliasMatcher.Alias(actorID: actor.id, pattern: $0) }
        })
    }
}
