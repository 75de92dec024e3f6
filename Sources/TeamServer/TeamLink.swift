import Foundation

/// What ties a working copy to its team server, kept beside the project (`PROJECT.team`, JSON):
/// the server's URL (never a password), whose copy it is, and the published corpus it was built from.
/// It lives beside the file rather than in it so that the copy itself stays an ordinary project
/// and a rebuilt copy keeps its link.
public struct TeamLink: Codable, Sendable, Equatable {
    public var server: String
    public var handle: String
    public var snapshotVersion: Int
    public var joinedAt: Date
    public var lastSync: Date?

    public static func url(forProject path: String) -> URL { URL(fileURLWithPath: path + ".team") }

    public static func read(forProject path: String) throws -> TeamLink {
        let url = url(forProject: path)
        guard let data = try? Data(contentsOf: url) else { throw TeamError.notATeamCopy(project: path) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(TeamLink.self, from: data) }
        catch { throw TeamError.snapshot(reason: "\(url.path) is not a Dossier team link (\(error.localizedDescription))") }
    }

    public func write(forProject path: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: Self.url(forProject: path), options: .atomic)
    }
}
