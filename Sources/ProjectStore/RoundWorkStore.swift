import Foundation

/// What the coding commands need from wherever a project's shared work lives: a round's progress,
/// a coder's queue, and a sink for work a command has just stored.
///
/// A single project file answers from itself (``ProjectFileWorkStore``). A team working copy
/// answers from the PostgreSQL team server (TeamServer's `TeamServerWorkStore`): progress as the
/// server holds it, filtered by the server's row-level security as well as by this project's own
/// access rules, and work sent on to the server. The commands do not know which one they talk to.
public protocol RoundWorkStore: Sendable {
    /// A round's progress as `viewer` may see it. Implementations apply ``AccessPolicy`` (a coder in
    /// an open blind round sees only their own line) and may only ever narrow it further.
    func status(round: String, as viewer: Viewer) throws -> WorkReading<RoundStatus>

    /// `coder`'s assigned units in order, finished or not, as `viewer` may see them.
    func queue(round: String, coder: String, as viewer: Viewer) throws -> WorkReading<[(unit: CodingUnit, done: Bool)]>

    /// Called after a coding command stored its work in the project file: hands the work on to
    /// where the project lives. Never throws: the work is already stored; the lines returned
    /// (for standard error) say what happened when there is something to say.
    func deliver() -> [String]

    /// Called before a command reads work from the project file itself (`code list`, `reconcile`,
    /// `classify`, `report`, the exports, `adjudicate`): lines for standard error when the file is
    /// not all there is to read (e.g. work not yet sent, or a newer state on a team server).
    /// Never throws and never writes.
    func readingNotices() -> [String]
}

/// Figures read from a ``RoundWorkStore``, with where they came from.
public struct WorkReading<Value: Sendable>: Sendable {
    public var value: Value
    /// Where the figures come from, for people: "this project file", "the team server at db:5432".
    public var source: String
    /// One line for standard error when the figures are not the ones asked for (e.g. the team
    /// server could not be reached, so these are the working copy's own), or are behind.
    public var notice: String?

    public init(_ value: Value, source: String, notice: String? = nil) {
        self.value = value
        self.source = source
        self.notice = notice
    }
}

/// A project file as its own work store: progress and queues are read from the file, and work a
/// command stored is already where it belongs.
public struct ProjectFileWorkStore: RoundWorkStore {
    private let open: @Sendable () throws -> ProjectDatabase

    public init(database: ProjectDatabase) {
        open = { database }
    }

    /// Opens the file for reading only when progress is asked for (handing work on needs nothing).
    public init(path: String) {
        open = { try ProjectDatabase.openForReading(path: path) }
    }

    public func status(round: String, as viewer: Viewer) throws -> WorkReading<RoundStatus> {
        WorkReading(try RoundStore(database: open()).status(round: round, as: viewer), source: "this project file")
    }

    public func queue(round: String, coder: String, as viewer: Viewer) throws -> WorkReading<[(unit: CodingUnit, done: Bool)]> {
        WorkReading(try AssignmentStore(database: open()).queue(round: round, coder: coder, as: viewer), source: "this project file")
    }

    public func deliver() -> [String] { [] }

    /// A project file is all there is: nothing to say.
    public func readingNotices() -> [String] { [] }
}
