import Foundation

/// What went wrong with a team project, in a researcher's words, saying where and what to do.
public enum TeamError: Error, LocalizedError, Equatable {
    case badURL(String, reason: String)
    case unreachable(place: String, reason: String)
    case refusedLogin(user: String, place: String, reason: String)
    case passwordNeeded(user: String, place: String, passwordFile: String)
    case wrongPassword(user: String, place: String, source: String)
    case notInitialised(database: String)
    case schemaTooNew(database: String, migration: String)
    case schemaTooOld(database: String, migration: String)
    case notATeamCopy(project: String)
    case alreadyExists(path: String)
    case notAMember(user: String, database: String)
    case needsRole(action: String, roles: [String], user: String)
    case unknownRole(String)
    case invalidHandle(String)
    case nothingPublished(database: String)
    case unknownRound(String)
    case roundUnfinished(round: String, progress: [String])
    case roundAlreadyClosed(round: String, at: String, by: String)
    case forceNeedsReason
    case server(action: String, message: String)
    case snapshot(reason: String)
    case progressHidden(coder: String, round: String, handle: String)

    public var errorDescription: String? {
        switch self {
        case .badURL(let url, let reason):
            return "\(url) is not a usable team server address: \(reason)."
        case .unreachable(let place, let reason):
            return "the team server at \(place) is not reachable (\(reason)). Your work is kept in this copy; run `dossier team sync` again when the server is back."
        case .refusedLogin(let user, let place, let reason):
            return "the team server at \(place) refused the login of '\(user)': \(reason). The password comes from PGPASSWORD, ~/.pgpass or a connection service file, never the command line."
        case .passwordNeeded(let user, let place, let file):
            return "the team server at \(place) asks for the password of '\(user)' and none was found: put it in PGPASSWORD, in \(file) (a line host:port:database:\(user):password, readable only by you), or in a connection service file (PGSERVICEFILE); never on the command line. Nothing was changed."
        case .wrongPassword(let user, let place, let source):
            return "the team server at \(place) did not accept the password of '\(user)' (taken from \(source)). Correct it there, or ask the lead to set a new one (`dossier team add HANDLE --password-stdin` on the owner's connection). Nothing was changed."
        case .notInitialised(let database):
            return "database '\(database)' holds no Dossier team project; a lead creates one with `dossier team init URL`."
        case .schemaTooNew(let database, let migration):
            return "the team project in '\(database)' was made by a newer dossier (migration \(migration)); update dossier."
        case .schemaTooOld(let database, let migration):
            return "the team project in '\(database)' predates this dossier (it lacks migration \(migration)); the lead runs `dossier team init URL` again to update it (nothing is lost)."
        case .notATeamCopy(let project):
            return "\(project) is not a team working copy (no \(project).team beside it); join one with `dossier team join URL --as HANDLE`."
        case .alreadyExists(let path):
            return "\(path) already exists; choose a new file for the working copy (nothing was changed)."
        case .notAMember(let user, let database):
            return "the PostgreSQL role '\(user)' is not a member of the team project in '\(database)'; a lead adds it with `dossier team add HANDLE --role coder`."
        case .needsRole(let action, let roles, let user):
            return "only a \(roles.joined(separator: " or ")) may \(action); '\(user)' is not one."
        case .unknownRole(let role):
            return "'\(role)' is not a role; a team member is a coder, adjudicator or lead."
        case .invalidHandle(let handle):
            return "'\(handle)' cannot name a PostgreSQL role: use letters, digits and underscores, starting with a letter."
        case .nothingPublished(let database):
            return "the team project in '\(database)' has no published corpus yet; the lead runs `dossier team publish`."
        case .unknownRound(let round):
            return "the team project has no round '\(round)'."
        case .roundUnfinished(let round, let progress):
            return "round \(round) has unfinished units: \(progress.joined(separator: "; ")). Close it anyway with --force --reason TEXT."
        case .roundAlreadyClosed(let round, let at, let by):
            return "round \(round) is already closed on \(at) by \(by)."
        case .forceNeedsReason:
            return "--force needs --reason TEXT (it is logged on the server and shown in the report)."
        case .server(let action, let message):
            return "the team server refused to \(action): \(message)"
        case .progressHidden(let coder, let round, let handle):
            return "the team server does not show \(coder)'s progress in round \(round) to \(handle) (while a blind round is open a coder sees only their own)."
        case .snapshot(let reason):
            return "could not make the project's corpus snapshot: \(reason)"
        }
    }
}
