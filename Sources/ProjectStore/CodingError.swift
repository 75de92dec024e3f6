import Foundation

/// Why a coding request was refused. Nothing is written when one of these is thrown.
public enum CodingError: Error, LocalizedError, Equatable {
    case invalidHandle(String)
    case coderExists(String)
    case unknownCoder(String)
    case roundExists(String)
    case unknownRound(String)
    case roundClosed(String)
    case unknownPassage(Int64)
    case unknownCase(String)
    case unknownCriterion(String, codebook: String, otherVersion: String?)
    case spanOutsidePassage(span: Range<Int>, passageId: Int64, length: Int)
    case notAssigned(coder: String, round: String, unit: CodingUnit)
    case duplicate(criterion: String, passageId: Int64, caseId: String, coder: String)
    case blind(round: String, viewer: String)
    case entersForAnother(round: String, viewer: String, coder: String)
    case blindNeedsViewer(round: String)
    case blindUntilClosed(round: String)
    case needsRole(action: String, roles: [String], handle: String?, role: String?)
    case notYours(codingId: Int64)
    case alreadyClosed(round: String, on: Date?, by: String?)
    case unfinished(round: String, progress: [String])
    case invalid(String)

    public var errorDescription: String? {
        switch self {
        case .invalidHandle(let h):
            return "'\(h)' is not a usable coder handle: start with a letter; letters, digits, '.', '_' or '-', at most 32 characters."
        case .coderExists(let h): return "a coder with handle '\(h)' already exists."
        case .unknownCoder(let h): return "no coder '\(h)'. Add one with `dossier coder add \(h) --name \"…\"`, or list them with `dossier coder list`."
        case .roundExists(let r): return "a round named '\(r)' already exists."
        case .unknownRound(let r): return "no round '\(r)'. List rounds with `dossier round list`."
        case .roundClosed(let r): return "round '\(r)' is closed; its codings can no longer change."
        case .unknownPassage(let p): return "no passage \(p). Find passages with `dossier search` or `dossier documents show ID`."
        case .unknownCase(let c): return "no case '\(c)'. List cases with `dossier case list`."
        case .unknownCriterion(let c, let codebook, let other):
            var s = "criterion '\(c)' is not in the round's codebook \(codebook)"
            if let other { s += " (it exists in \(other), a different version)" }
            return s + ". List criteria with `dossier codebook show`."
        case .spanOutsidePassage(let span, let p, let length):
            return "span \(span.lowerBound):\(span.upperBound) does not fit passage \(p), which is \(length) characters long (offsets are 0-based Unicode characters, end exclusive, and start < end)."
        case .notAssigned(let coder, let round, let unit):
            return "passage \(unit.passageId) for case \(unit.caseId) is not assigned to \(coder) in round '\(round)'."
        case .duplicate(let criterion, let p, let c, let coder):
            return "\(coder) already tagged passage \(p) for case \(c) as \(criterion) (same span); retract it first to change it."
        case .blind(let round, let viewer):
            return "round \(round) is blind until it is closed by a lead or adjudicator: \(viewer) sees only their own codings until then."
        case .entersForAnother(let round, let viewer, let coder):
            return "\(viewer) may not enter codings in \(coder)'s name: round \(round) is blind until it is closed by a lead or adjudicator, and each coder enters only their own work (a lead or adjudicator may import a coder's file for them)."
        case .blindNeedsViewer(let round):
            return "round \(round) is blind until it is closed by a lead or adjudicator: say who you are with --as HANDLE (or DOSSIER_CODER) to see your own codings."
        case .blindUntilClosed(let round):
            return "round \(round) is blind until it is closed by a lead or adjudicator; until then each coder sees only their own codings (`dossier code list --round \(round) --as HANDLE`)."
        case .needsRole(let action, let roles, let handle, let role):
            func article(_ role: String) -> String { (role.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + role }
            let allowed = roles.map(article).joined(separator: " or ")
            guard let handle, let role else {
                return "only \(allowed) can \(action): say who you are with --as HANDLE (or DOSSIER_CODER)."
            }
            return "\(handle) is \(article(role)); only \(allowed) can \(action)."
        case .notYours(let id):
            return "you can retract only your own codings (an adjudicator or a lead can retract any), and \(id) is not one of yours."
        case .alreadyClosed(let round, let on, let by):
            let date = on.map { ISO8601DateFormatter().string(from: $0) } ?? "an unknown date"
            return "round \(round) is already closed on \(date) by \(by ?? "an unknown person"); reopen it with `dossier round reopen \(round) --as LEAD --reason TEXT`."
        case .unfinished(let round, let progress):
            return "round \(round) has unfinished units (\(progress.joined(separator: "; "))); close it anyway with --force --reason TEXT."
        case .invalid(let message): return message
        }
    }
}
