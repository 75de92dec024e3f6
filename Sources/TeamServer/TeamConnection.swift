import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// One session with the team server as one PostgreSQL role. Everything the team layer sends goes
/// through here, so errors reach the researcher as ``TeamError``s naming the server and the role,
/// never a driver dump.
public final class TeamConnection: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    public let endpoint: TeamEndpoint
    public let user: String

    private init(connection: PostgresConnection, logger: Logger, endpoint: TeamEndpoint, user: String) {
        self.connection = connection
        self.logger = logger
        self.endpoint = endpoint
        self.user = user
    }

    /// Connects as `endpoint.user`, or as `fallbackUser` (the person's handle) when the URL names none.
    public static func connect(_ endpoint: TeamEndpoint, as fallbackUser: String?, timeout seconds: Int64 = 10) async throws -> TeamConnection {
        guard let user = endpoint.user ?? fallbackUser ?? ProcessInfo.processInfo.environment["PGUSER"] else {
            throw TeamError.badURL(endpoint.description, reason: "say which PostgreSQL role to log in as: postgres://ROLE@host/db, or --as HANDLE")
        }
        var logger = Logger(label: "dossier.team")
        logger.logLevel = .critical
        let found = endpoint.passwordAndSource(for: user)
        let password = found?.password
        var configuration: PostgresConnection.Configuration
        if let socket = endpoint.socketDirectory {
            configuration = .init(unixSocketPath: socket + "/.s.PGSQL.\(endpoint.port)", username: user,
                                  password: password, database: endpoint.database)
        } else {
            let tls = try Self.tls(endpoint)
            configuration = .init(host: endpoint.host, port: endpoint.port, username: user, password: password,
                                  database: endpoint.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(seconds)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return TeamConnection(connection: connection, logger: logger, endpoint: endpoint, user: user)
        } catch let error as PSQLError {
            if error.code == .authMechanismRequiresPassword {
                throw TeamError.passwordNeeded(user: user, place: endpoint.place, passwordFile: endpoint.passwordFile(ProcessInfo.processInfo.environment))
            }
            if let message = error.serverInfo?[.message] {
                // 28P01 invalid_password: the server checked a password and it was not the role's.
                if error.serverInfo?[.sqlState] == "28P01", let source = found?.source {
                    throw TeamError.wrongPassword(user: user, place: endpoint.place, source: source)
                }
                throw TeamError.refusedLogin(user: user, place: endpoint.place, reason: message)
            }
            throw TeamError.unreachable(place: endpoint.place, reason: Self.describe(error))
        } catch {
            throw TeamError.unreachable(place: endpoint.place, reason: "\(error)")
        }
    }

    /// TLS as libpq's sslmode means it: `prefer` and `require` encrypt without checking the
    /// server's certificate (a lab's own server usually has a self-signed one), `verify-ca` checks
    /// it against the trusted authorities, `verify-full` also checks that it names the host.
    static func tls(_ endpoint: TeamEndpoint) throws -> PostgresConnection.Configuration.TLS {
        guard endpoint.tls != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch endpoint.tls {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if endpoint.tls == .verifyCA || endpoint.tls == .verifyFull {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let fallback = home + "/.postgresql/root.crt"
            if let file = endpoint.rootCertificate ?? (FileManager.default.fileExists(atPath: fallback) ? fallback : nil) {
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw TeamError.unreachable(place: endpoint.place, reason: "the trusted certificates file \(file) (sslrootcert) cannot be read")
                }
                configuration.trustRoots = .file(file)
            }
        }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return endpoint.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            if endpoint.tls == .prefer { return .disable }
            throw TeamError.unreachable(place: endpoint.place, reason: "TLS is not available: \(error)")
        }
    }

    /// A driver error as one line: the server's message when it sent one, else what failed.
    static func describe(_ error: Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    public func close() async {
        try? await connection.close()
    }

    /// Connects as ``connect(_:as:timeout:)`` does, runs `body`, and closes the connection whatever `body` does.
    public static func with<T: Sendable>(_ endpoint: TeamEndpoint, as fallbackUser: String?, timeout seconds: Int64 = 10,
                                         _ body: (TeamConnection) async throws -> T) async throws -> T {
        let c = try await connect(endpoint, as: fallbackUser, timeout: seconds)
        do {
            let value = try await body(c)
            await c.close()
            return value
        } catch {
            await c.close()
            throw error
        }
    }

    /// Runs one statement; `action` says what it was for, in the researcher's words, for errors.
    @discardableResult
    func run(_ query: PostgresQuery, _ action: String) async throws -> [PostgresRow] {
        do {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        } catch let error as PSQLError where error.serverInfo == nil {
            throw TeamError.unreachable(place: endpoint.place, reason: Self.describe(error))
        } catch let error as PSQLError {
            throw TeamError.server(action: action, message: Self.describe(error))
        }
    }

    /// Runs `body` in one transaction: all of it is stored, or nothing (an interrupted sync sends nothing twice).
    func transaction<T: Sendable>(_ action: String, _ body: (TeamConnection) async throws -> T) async throws -> T {
        try await run("BEGIN", action)
        do {
            let value = try await body(self)
            try await run("COMMIT", action)
            return value
        } catch {
            _ = try? await run("ROLLBACK", action)
            throw error
        }
    }
}
