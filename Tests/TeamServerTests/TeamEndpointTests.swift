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

    @Test func errorsSayWhatToDo() {
        #expect(TeamError.unreachable(place: "h:5432", reason: "refused").errorDescription!.contains("kept in this copy"))
        #expect(TeamError.notATeamCopy(project: "p.sqlite").errorDescription!.contains("team join"))
        #expect(TeamError.roundUnfinished(round: "rel-1", progress: ["ben: 0 of 14 units finished"]).errorDescription!.contains("ben: 0 of 14"))
    }
}
