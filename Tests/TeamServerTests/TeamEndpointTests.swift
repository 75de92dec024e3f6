import Foundation
import Testing
@testable import TeamServer

@Suite struct TeamEndpointTests {
    @Test func readsTheURLFormsLibpqUsers() throws {
        let plain = try TeamEndpoint.parse("postgres://db.example.edu/study")
        #expect(plain.host == "db.example.edu" && plain.port == 5432 && plain.database == "study" && plain.user == nil && plain.tls == .prefer)
        let full = try TeamEndpoint.parse("postgresql://lea@127.0.0.1:55432/study?sslmode=require")
        #expect(full.user == "lea" && full.port == 55432 && full.tls == .require)
        let socket = try TeamEndpoint.parse("postgres:///study?host=/var/run/postgresql&user=ana")
        #expect(socket.socketDirectory == "/var/run/postgresql" && socket.user == "ana" && socket.place.contains("socket"))
        #expect(socket.as(user: "ben").user == "ana", "a user in the URL wins over the handle")
        #expect(plain.as(user: "ben").user == "ben")
    }

    @Test func refusesWhatCannotWork() {
        #expect(throws: TeamError.self) { try TeamEndpoint.parse("mysql://h/db") }
        #expect(throws: TeamError.self) { try TeamEndpoint.parse("postgres://h/") }
        #expect(throws: TeamError.self) { try TeamEndpoint.parse("postgres://h/db?sslmode=sometimes") }
        #expect(throws: TeamError.self) { try TeamEndpoint.parse("postgres://h/db?timeout=3") }
    }

    @Test func aPasswordInTheURLIsRefusedWithoutBeingRepeated() {
        do {
            _ = try TeamEndpoint.parse("postgres://ana:hunter2@h/db")
            Issue.record("a password on the command line was accepted")
        } catch {
            let message = (error as? TeamError)?.errorDescription ?? ""
            #expect(message.contains("PGPASSWORD") && message.contains("pgpass"))
            #expect(!message.contains("hunter2"))
        }
    }

    @Test func theStoredURLNeverHoldsAPassword() throws {
        let endpoint = try TeamEndpoint.parse("postgres://lea@127.0.0.1:55432/study?sslmode=disable")
        #expect(endpoint.description == "postgres://127.0.0.1:55432/study?user=lea&sslmode=disable")
        #expect(try TeamEndpoint.parse(endpoint.description) == endpoint, "the stored form reads back as the same endpoint")
    }

    @Test func tlsModesAreLibpqs() throws {
        let verify = try TeamEndpoint.parse("postgres://db.example.edu/study?sslmode=verify-full&sslrootcert=/etc/lab/ca.crt")
        #expect(verify.tls == .verifyFull && verify.rootCertificate == "/etc/lab/ca.crt")
        #expect(try TeamEndpoint.parse(verify.description) == verify, "the stored form keeps the mode and the trusted certificates")
        #expect(try TeamEndpoint.parse("postgres://h/db?sslmode=verify-ca").tls == .verifyCA)
        // prefer and require encrypt without checking the certificate, as libpq; a missing trust file is named.
        #expect(throws: Never.self) { try TeamConnection.tls(try TeamEndpoint.parse("postgres://h/db?sslmode=require")) }
        do {
            _ = try TeamConnection.tls(try TeamEndpoint.parse("postgres://h/db?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"))
            Issue.record("an unreadable sslrootcert was accepted")
        } catch {
            #expect((error as? TeamError)?.errorDescription?.contains("/nonexistent/ca.crt") == true)
        }
    }

    @Test func passwordsComeFromPGPASSWORDThenThePasswordFile() throws {
        let endpoint = try TeamEndpoint.parse("postgres://db.example.edu:5433/study")
        #expect(endpoint.password(for: "ana", environment: ["PGPASSWORD": "fromenv", "PGPASSFILE": "/nonexistent"]) == "fromenv")
        #expect(endpoint.password(for: "ana", environment: ["PGPASSFILE": "/nonexistent"]) == nil)
        let file = """
            # comment
            other.host:5433:study:ana:wrong
            db.example.edu:5433:study:ben:bens
            db.example.edu:*:study:ana:a\\:b\\\\c
            *:*:*:*:fallback
            """
        #expect(PasswordFile.lookup(file, host: "db.example.edu", port: 5433, database: "study", user: "ana") == "a:b\\c")
        #expect(PasswordFile.lookup(file, host: "db.example.edu", port: 5433, database: "study", user: "ben") == "bens")
        #expect(PasswordFile.lookup(file, host: "elsewhere", port: 1, database: "x", user: "y") == "fallback")
        #expect(PasswordFile.lookup("h:1:d:u", host: "h", port: 1, database: "d", user: "u") == nil, "a line without a password field is skipped")
    }

    @Test func aServiceFileFillsWhatTheURLLeavesOutAndMayHoldThePassword() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let user = dir.appendingPathComponent("pg_service.conf").path, system = dir.appendingPathComponent("sys")
        try FileManager.default.createDirectory(at: system, withIntermediateDirectories: true)
        try """
            # the lab's server
            [study]
            host = db.example.edu
            port=5433
            dbname=study
            user=ana
            password=from-service
            sslmode=verify-full
            [other]
            dbname=other
            """.write(toFile: user, atomically: true, encoding: .utf8)
        try "[shared]\nhost=/var/run/postgresql\ndbname=lab\n".write(to: system.appendingPathComponent("pg_service.conf"), atomically: true, encoding: .utf8)
        let env = ["PGSERVICEFILE": user, "PGSYSCONFDIR": system.path, "PGPASSWORD": "from-env", "PGPASSFILE": "/nonexistent"]
        let study = try TeamEndpoint.parse("postgres:///?service=study", environment: env)
        #expect(study.host == "db.example.edu" && study.port == 5433 && study.database == "study" && study.user == "ana" && study.tls == .verifyFull)
        #expect(study.password(for: "ana", environment: env) == "from-service", "the service's password comes before PGPASSWORD, as in libpq")
        #expect(!study.description.contains("from-service"), "the stored URL names the service, never its password")
        #expect(try TeamEndpoint.parse(study.description, environment: env) == study)
        let overridden = try TeamEndpoint.parse("postgres://lea@other.host/elsewhere?service=study&sslmode=require", environment: env)
        #expect(overridden.host == "other.host" && overridden.database == "elsewhere" && overridden.user == "lea" && overridden.tls == .require)
        let fromEnv = try TeamEndpoint.parse("postgres:///", environment: env.merging(["PGSERVICE": "shared"]) { $1 })
        #expect(fromEnv.socketDirectory == "/var/run/postgresql" && fromEnv.database == "lab", "PGSERVICE, found in the system's file")
        #expect(fromEnv.password(for: "ana", environment: env) == "from-env", "no password in the service: PGPASSWORD")
        #expect(throws: TeamError.self) { try TeamEndpoint.parse("postgres:///?service=missing", environment: env) }
    }

    @Test func errorsSayWhatToDo() {
        #expect(TeamError.unreachable(place: "h:5432", reason: "refused").errorDescription!.contains("kept in this copy"))
        #expect(TeamError.notATeamCopy(project: "p.sqlite").errorDescription!.contains("team join"))
        #expect(TeamError.roundUnfinished(round: "rel-1", progress: ["ben: 0 of 14 units finished"]).errorDescription!.contains("ben: 0 of 14"))
    }
}
