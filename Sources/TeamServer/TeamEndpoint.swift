import Foundation

/// Where a team project lives: a PostgreSQL URL (`postgres://[user@]host[:port]/database`), read the
/// way libpq reads it, minus the password.
///
/// The password is never taken from the command line or stored in a project file (both end up in
/// shell histories, process lists and backups): it comes from `PGPASSWORD` or the password file
/// (`PGPASSFILE`, else `~/.pgpass`), as for `psql`. `?sslmode=` chooses TLS as libpq does: `prefer`
/// (the default: encrypted when the server offers it), `require` (encrypted or nothing), both
/// without checking the server's certificate, as libpq; `verify-ca` (the certificate must be signed
/// by a trusted authority) and `verify-full` (and name the host), trusting `?sslrootcert=FILE`, else
/// `~/.postgresql/root.crt` when present, else the system's authorities; `disable`.
/// `?host=/var/run/postgresql` connects through a Unix socket, as Debian's default cluster expects
/// for peer authentication.
public struct TeamEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    /// A Unix-socket folder (libpq's `host=/path`), used instead of `host:port` when set.
    public var socketDirectory: String?
    public var database: String
    /// The PostgreSQL role to log in as; nil means "the person's handle" (see ``as(user:)``).
    public var user: String?
    public var tls: TLSMode
    /// The certificate authorities to trust for `verify-ca` / `verify-full` (libpq's `sslrootcert`).
    public var rootCertificate: String?
    /// A libpq connection service: a section of the service file, which may also hold the password.
    public var service: String?

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
    /// `?service=NAME` (or `PGSERVICE`) fills what the URL leaves out from a libpq service file (see ``ServiceFile``).
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TeamEndpoint {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw TeamError.badURL(text, reason: "a team server is named by a URL such as postgres://db.example.edu/study")
        }
        if parts.password != nil {
            throw TeamError.badURL(redacted(text), reason: "passwords never go on the command line: put it in PGPASSWORD, ~/.pgpass (host:port:database:user:password) or a service file")
        }
        var endpoint = TeamEndpoint(host: parts.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? "127.0.0.1",
                                    port: parts.port ?? 5432, database: String(parts.path.drop(while: { $0 == "/" })),
                                    user: parts.user?.removingPercentEncoding)
        var given = Set<String>()
        for item in parts.queryItems ?? [] {
            given.insert(item.name)
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw TeamError.badURL(text, reason: "sslmode is one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                endpoint.tls = mode
            case "sslrootcert":
                endpoint.rootCertificate = item.value
            case "host" where item.value?.hasPrefix("/") == true:
                endpoint.socketDirectory = item.value
            case "user":
                endpoint.user = item.value
            case "service":
                endpoint.service = item.value
            default:
                throw TeamError.badURL(text, reason: "unknown parameter '\(item.name)' (known: sslmode, sslrootcert, host, user, service)")
            }
        }
        if endpoint.service == nil, let name = environment["PGSERVICE"], !name.isEmpty { endpoint.service = name }
        if let name = endpoint.service {
            guard let section = ServiceFile.section(name, environment: environment) else {
                throw TeamError.badURL(text, reason: "no service '\(name)' in \(ServiceFile.places(environment).joined(separator: " or "))")
            }
            // As libpq: the service fills only what the URL left out.
            if parts.host?.isEmpty ?? true, !given.contains("host"), let host = section["host"] {
                if host.hasPrefix("/") { endpoint.socketDirectory = host } else { endpoint.host = host }
            }
            if parts.port == nil, let port = section["port"].flatMap(Int.init) { endpoint.port = port }
            if endpoint.database.isEmpty, let database = section["dbname"] { endpoint.database = database }
            if endpoint.user == nil, let user = section["user"] { endpoint.user = user }
            if !given.contains("sslmode"), let mode = section["sslmode"] {
                guard let tls = TLSMode(rawValue: mode) else {
                    throw TeamError.badURL(text, reason: "service '\(name)' has sslmode=\(mode); it is one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                endpoint.tls = tls
            }
            if endpoint.rootCertificate == nil, let file = section["sslrootcert"] { endpoint.rootCertificate = file }
        }
        guard !endpoint.database.isEmpty else {
            throw TeamError.badURL(text, reason: "name the database after the host, e.g. postgres://localhost/study")
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
        if let rootCertificate { query.append(URLQueryItem(name: "sslrootcert", value: rootCertificate)) }
        if let service { query.append(URLQueryItem(name: "service", value: service)) }
        parts.queryItems = query.isEmpty ? nil : query
        return parts.string ?? "postgres://\(host)/\(database)"
    }

    /// Where the server is, for messages ("the team server at db.example.edu:5432").
    public var place: String { socketDirectory.map { "\($0) (socket)" } ?? "\(host):\(port)" }

    /// The password for `user`, as libpq looks it up: the service's `password` when the endpoint
    /// names a service, else `PGPASSWORD`, else the password file.
    public func password(for user: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        passwordAndSource(for: user, environment: environment)?.password
    }

    /// The password for `user` and where it was found ("PGPASSWORD", "the password file ~/.pgpass",
    /// "service 'lab' in FILE"), so that a refused login can say which one to correct, never what it is.
    public func passwordAndSource(for user: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (password: String, source: String)? {
        if let service {
            for place in ServiceFile.places(environment) {
                guard let text = try? String(contentsOfFile: place, encoding: .utf8),
                      let section = ServiceFile.section(service, in: text) else { continue }
                if let password = section["password"], !password.isEmpty { return (password, "service '\(service)' in \(place)") }
                break
            }
        }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return (password, "PGPASSWORD") }
        let file = passwordFile(environment)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let hostField = socketDirectory == nil ? host : "localhost"
        return PasswordFile.lookup(text, host: hostField, port: port, database: database, user: user).map { ($0, "the password file \(file)") }
    }

    /// libpq's password file: `PGPASSFILE`, else `~/.pgpass`.
    func passwordFile(_ environment: [String: String]) -> String {
        environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" } ?? (NSHomeDirectory() + "/.pgpass")
    }
}

/// libpq's connection service file: `[name]` sections of `key=value` lines (host, port, dbname,
/// user, password, sslmode, sslrootcert), `#` comments. The person's file (`PGSERVICEFILE`, else
/// `~/.pg_service.conf`) is read first; a service not found there is looked up in the system's
/// (`PGSYSCONFDIR/pg_service.conf`, on Debian /etc/postgresql-common/pg_service.conf).
enum ServiceFile {
    static func places(_ environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [environment["PGSERVICEFILE"] ?? home + "/.pg_service.conf",
                (environment["PGSYSCONFDIR"] ?? "/etc/postgresql-common") + "/pg_service.conf"]
    }

    static func section(_ name: String, environment: [String: String]) -> [String: String]? {
        for place in places(environment) {
            if let text = try? String(contentsOfFile: place, encoding: .utf8), let found = section(name, in: text) { return found }
        }
        return nil
    }

    static func section(_ name: String, in text: String) -> [String: String]? {
        var current: String?, found: [String: String]?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                if found != nil { break }
                current = String(line.dropFirst().dropLast())
                if current == name { found = [:] }
                continue
            }
            guard current == name, let eq = line.firstIndex(of: "=") else { continue }
            found?[line[..<eq].trimmingCharacters(in: .whitespaces)] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        return found
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
