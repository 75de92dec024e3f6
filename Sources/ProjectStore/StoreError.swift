import Foundation

/// What went wrong with a project file or a request against it, in words a researcher can act on.
public enum StoreError: Error, LocalizedError, Equatable {
    case projectNotFound(path: String)
    case cannotCreate(path: String, reason: String)
    case notAProject(path: String)
    case projectTooNew(path: String)
    case documentNotFound(String)
    case passageNotFound(String)
    case invalidSearchQuery(query: String, reason: String)
    case invalidFilter(String)
    case notFound(kind: String, id: String)
    case invalid(String)

    public var errorDescription: String? {
        switch self {
        case .projectNotFound(let path):
            return "\(path): no project file here. Create one with `dossier init --db \(path)`, or point --db (or DOSSIER_DB) at an existing project."
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create the project file: \(reason)."
        case .notAProject(let path):
            return "\(path): this file is not a Dossier project (not an SQLite database)."
        case .projectTooNew(let path):
            return "\(path): this project was written by a newer version of dossier; upgrade dossier to open it."
        case .documentNotFound(let id):
            return "no document with id \(id). List documents with `dossier documents`."
        case .passageNotFound(let id):
            return "no passage with id \(id). See a document's passages with `dossier documents show ID`."
        case .invalidSearchQuery(let query, let reason):
            return "the search query \"\(query)\" cannot be run: \(reason)."
        case .invalidFilter(let message):
            return message
        case .notFound(let kind, let id):
            return "no \(kind) '\(id)' in this project."
        case .invalid(let message):
            return message
        }
    }
}
