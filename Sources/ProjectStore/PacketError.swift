import Foundation

/// Why a packet cannot be merged. Nothing is written when one of these is thrown.
public enum PacketError: Error, LocalizedError, Equatable {
    case unreadable(file: String, reason: String)
    case unsupportedFormat(file: String, format: Int)
    case codebookMismatch(file: String, packet: String, project: String)
    case corpusMismatch(file: String, documents: [String])
    case fingerprintMismatch(file: String)
    case notAPacket(file: String, reason: String)
    case conflicts(file: String, coder: String, conflicts: [String])

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file, let reason): return "\(file): \(reason)."
        case .notAPacket(let file, let reason): return "not a Dossier packet: \(file) (\(reason))."
        case .conflicts(let file, let coder, let conflicts):
            return "\(file): \(conflicts.count) conflict(s) between \(coder)'s work in the packet and in this project; nothing was merged. "
                + "Choose a side with --prefer packet or --prefer project (see what would change with --dry-run):\n  "
                + conflicts.joined(separator: "\n  ")
        case .unsupportedFormat(let file, let format): return "\(file): packet format \(format) is newer than this dossier understands (\(CoderPacket.formatVersion))."
        case .codebookMismatch(let file, let packet, let project):
            return "\(file): the packet was coded with codebook \(packet), but this project's round uses \(project). Merge it into a project with the same codebook version, or recode."
        case .corpusMismatch(let file, let documents):
            let shown = documents.prefix(5).joined(separator: ", ")
            return "\(file): the packet was made against a different corpus: \(documents.count) document(s) are missing or have different text here (\(shown)\(documents.count > 5 ? ", …" : ""))."
        case .fingerprintMismatch(let file): return "\(file): the packet's corpus fingerprint does not match its document list; the file was altered."
        }
    }
}
