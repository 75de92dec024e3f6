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
    case blindNeedsViewer(round: String)
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
            return "round '\(round)' is blind: \(viewer) cannot see other coders' codings while it is open."
        case .blindNeedsViewer(let round):
            return "round '\(round)' is a blind reliability round: say who you are with --as HANDLE (coders see only their own codings; adjudicators see all once the round is closed)."
        case .invalid(let message): return message
        }
    }
}
