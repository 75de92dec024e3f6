import Foundation

/// Where a team project lives: a PostgreSQL URL (`postgres://[user@]host[:port]/database`), read the
/// way libpq reads it, minus the password.
///
/// The password is never taken from the command line or stored in a project file (both end up in
/// shell histories, process lists and backups): it comes from `PGPASSWORD` or the password file
/// (`PGPASSFILE`, else `~/.pgpass`), as for `psql`. `?sslmode=disable|prefer|require` chooses TLS
/// (default `prefer`: encrypted when the server offers it); `?host=/var/run/postgresql` connects
/// through a Unix socket, as Debian's default cluster expects for peer authentication.
public struct TeamEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable { case disable, prefer, require }

    public var host: String
    public var port: Int
    /// A Unix-socket folder (libpq's `host=/path`), used instead of `host:port` when set.
    public var socketDirectory: String?
    public var database: String
    /// The PostgreSQL role to log in as; nil means "the person's handle" (see ``as(user:)``).
    public var user: String?
    public var tls: TLSMode

    public init(host: String = "127.0.0.1", port: Int = 5432, socketDirectory: String? = nil, database: String,
                user: String? = nil, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.database = database
        self.user = user
        self.tls = tls
    }

    /// Parses `postgres://` / `postgresql://` URLs. A password in the URL is refused, with where to put it instead.
    public static func parse(_ text: String) throws -> TeamEndpoint {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw TeamError.badURL(text, reason: "a team server is named by a URL such as postgres://db.example.edu/study")
        }
        if parts.password != nil {
            throw TeamError.badURL(redacted(text), reason: "passwords never go on the command line: put it in PGPASSWORD or ~/.pgpass (host:port:database:user:password)")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw TeamError.badURL(text, reason: "name the database after the host, e.g. postgres://localhost/study") }
        var endpoint = TeamEndpoint(host: parts.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? "127.0.0.1",
                                    port: parts.port ?? 5432, database: database, user: parts.user?.removingPercentEncoding)
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw TeamError.badURL(text, reason: "sslmode is one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                endpoint.tls = mode
            case "host" where item.value?.hasPrefix("/") == true:
                endpoint.socketDirectory = item.value
            case "user":
                endpoint.user = item.value
            default:
                throw TeamError.badURL(text, reason: "unknown parameter '\(item.name)' (known: sslmode, host, user)")
            }
        }
        return endpoint
    }

    /// The URL with any password removed, for messages.
    static func redacted(_ text: String) -> String {
        guard var parts = URLComponents(string: text) else { return "(unreadable URL)" }
        if parts.password != nil { parts.password = "***" }
        return parts.string ?? "(unreadable URL)"
    }

    /// This endpoint logging in as `user` unless the URL named a user.
    public func `as`(user fallback: String?) -> TeamEndpoint {
        var copy = self
        if copy.user == nil { copy.user = fallback }
        return copy
    }

    /// The URL to store in a working copy: no password, ever.
    public var description: String {
        var parts = URLComponents()
        parts.scheme = "postgres"
        parts.host = socketDirectory == nil ? host : ""
        if socketDirectory == nil && port != 5432 { parts.port = port }
        parts.path = "/" + database
        var query: [URLQueryItem] = []
        if let user { query.append(URLQueryItem(name: "user", value: user)) }
        if let socketDirectory { query.append(URLQueryItem(name: "host", value: socketDirectory)) }
        if tls != .prefer { query.append(URLQueryItem(name: "sslmode", value: tls.rawValue)) }
        parts.queryItems = query.isEmpty ? nil : query
        return parts.string ?? "postgres://\(host)/\(database)"
    }

    /// Where the server is, for messages ("the team server at db.example.edu:5432").
    public var place: String { socketDirectory.map { "\($0) (socket)" } ?? "\(host):\(port)" }

    /// The password for `user`, from `PGPASSWORD` or the password file, as libpq looks it up.
    public func password(for user: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file = environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" }
            ?? (NSHomeDirectory() + "/.pgpass")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let hostField = socketDirectory == nil ? host : "localhost"
        return PasswordFile.lookup(text, host: hostField, port: port, database: database, user: user)
    }
}

/// libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything,
/// `\:` and `\\` escaping, `#` comments; the first matching line wins.
enum PasswordFile {
    static func lookup(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
