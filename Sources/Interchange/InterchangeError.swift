import Foundation

/// What went wrong moving work to or from another tool, in a researcher's words, with where.
public enum InterchangeError: Error, LocalizedError, Equatable {
    /// A file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A file or archive could not be read.
    case cannotRead(path: String, reason: String)
    /// The file is not what it should be: the place (file, line, element) and the problem.
    case invalid(place: String, message: String)
    /// Some of the file could not be put into the project; nothing was imported.
    case unmatched(path: String, problems: [String])

    public var errorDescription: String? {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .invalid(let place, let message): "\(place): \(message)"
        case .unmatched(let path, let problems):
            "\(path): nothing imported; \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
