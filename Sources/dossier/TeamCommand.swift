import ArgumentParser
import Foundation
import ProjectStore
import TeamServer

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Share a project through a PostgreSQL team server; blindness enforced by the database.",
        discussion: """
        A lead publishes the project (corpus, codebook versions, register, coders, rounds, \
        assignments: never anyone's codings) to a PostgreSQL database. Each coder joins from their \
        own machine and gets a working copy, an ordinary project file where search, the coding \
        screen and reports run locally; `team sync` sends their work to the server and brings back \
        what the server lets them see. While a blind round is open, row-level security lets each \
        coder's PostgreSQL role read only their own work, so even `psql` shows nothing of anyone \
        else's. Once a lead or adjudicator closes the round on the server, their next sync brings in \
        every coder's work, and reconcile, classify and report give the figures a single project \
        file would.

        Passwords come from PGPASSWORD, ~/.pgpass (PGPASSFILE) or a connection service file \
        (?service=NAME or PGSERVICE; ~/.pg_service.conf or PGSERVICEFILE), as for psql, never from \
        the command line or the project; a refused login says which of them it used, never the password. TLS is used when the server offers it, as libpq does \
        (?sslmode=require to insist, ?sslmode=verify-full&sslrootcert=FILE to check the server's \
        certificate too, ?sslmode=disable to refuse); `team status` says whether the session is encrypted.

        Examples:
          dossier team init postgres://postgres@db.example.edu/study --as lea
          dossier team add ana --role coder --server postgres://postgres@db.example.edu/study --password-stdin
          dossier team join postgres://db.example.edu/study --as ana --db ana.sqlite
          dossier team sync --db ana.sqlite
          dossier team close rel-1 --as lea
          dossier team status --format json
        """,
        subcommands: [Init.self, Add.self, Publish.self, Join.self, Sync.self, Close.self, Status.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the team schema on a PostgreSQL database and publish this project to it.",
            discussion: """
            Run once by the lead, connecting as a role that owns the database and may create roles \
            (e.g. postgres). Every coder of the project becomes a member: a PostgreSQL role of the \
            same name (created without a password when missing: set one with `team add --password-stdin` \
            or ALTER ROLE). Running it again applies new schema migrations and publishes again.

            Examples:
              dossier team init postgres://postgres@localhost/study --as lea
              dossier team init 'postgres://postgres@/study?host=/var/run/postgresql' --as lea
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: ArgumentHelp("The database, as postgres://OWNER@HOST[:PORT]/DATABASE.", valueName: "url")) var url: String

        func run() throws {
            try reportingErrors {
                let endpoint = try TeamEndpoint.parse(url)
                let lead = try identity.acting(legacy: nil)
                let path = project.path
                guard FileManager.default.fileExists(atPath: path) else { throw StoreError.projectNotFound(path: path) }
                let result = try blocking { try await TeamProject.initialize(endpoint, project: path, lead: lead) }
                print(result.migrations.isEmpty ? "Team schema on \(endpoint.database) is up to date."
                      : "Team schema on \(endpoint.database): applied \(result.migrations.joined(separator: ", ")).")
                for m in result.members {
                    print("  member \(m.handle) (\(m.role))\(m.created ? ": PostgreSQL role created, no password yet" : "")")
                }
                printPublish(result.publish)
                print("\(path) is \(lead)'s working copy of the team project (link in \(path).team).")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member to the team project (creates or maps a PostgreSQL role).",
            discussion: """
            Needs a connection that may create roles (the owner, or a lead with CREATEROLE). The \
            member must also exist in the lead's project (`dossier coder add`) before the next \
            `team publish`, so that their working copy knows them.

            Examples:
              dossier team add ana --role coder --server postgres://postgres@localhost/study
              printf '%s\\n' "$ANA_PASSWORD" | dossier team add ana --role coder --server postgres://postgres@localhost/study --password-stdin
              dossier team add pi --role adjudicator --pg-role jsmith --server postgres://postgres@localhost/study
            """)
        @Argument(help: "The member's Dossier handle.") var handle: String
        @Option(help: "coder, adjudicator or lead.") var role: String = "coder"
        @Option(help: ArgumentHelp("An existing PostgreSQL role to map the handle to (default: a role named like the handle).", valueName: "name")) var pgRole: String?
        @Option(help: ArgumentHelp("The team database, as postgres://USER@HOST/DATABASE.", valueName: "url")) var server: String
        @Flag(help: "Read the new role's password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let endpoint = try TeamEndpoint.parse(server)
                var typed: String?
                if passwordStdin {
                    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                        throw ValidationError("--password-stdin: standard input held no password line.")
                    }
                    typed = line
                }
                let password = typed
                let handle = self.handle, role = self.role, pgRole = self.pgRole, who = identity.viewer.handle
                let created = try blocking {
                    try await TeamProject.addMember(endpoint, as: who, handle: handle, role: role, pgRole: pgRole, password: password)
                }
                print("Member \(handle) (\(role)) on \(endpoint.database)\(created ? "; PostgreSQL role \(pgRole ?? handle) created" : "")\(password != nil ? "; password set" : "").")
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the lead's project again (new documents, rounds, assignments).",
            discussion: """
            Stores a new snapshot version when anything published changed; coders' next sync \
            rebuilds their copy from it and keeps the previous file beside it. Nothing anyone coded \
            is published this way.

            Examples:
              dossier team publish --as lea
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let path = project.path, who = identity.viewer.handle
                let result = try blocking { try await TeamProject.publish(project: path, as: who) }
                printPublish(result)
            }
        }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make your working copy of a team project.",
            discussion: """
            Downloads the published corpus and the work the server lets you see (your own; for leads \
            and adjudicators, everyone's in closed rounds) into a new project file (--db).

            Examples:
              dossier team join postgres://db.example.edu/study --as ana --db ana.sqlite
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: ArgumentHelp("The team database, as postgres://[ROLE@]HOST[:PORT]/DATABASE.", valueName: "url")) var url: String

        func run() throws {
            try reportingErrors {
                let endpoint = try TeamEndpoint.parse(url)
                let handle = try identity.acting(legacy: nil)
                let path = project.path
                let result = try blocking { try await TeamProject.join(endpoint, handle: handle, project: path) }
                print("Joined \(endpoint.database) as \(handle): \(path) built from published version \(result.snapshotVersion).")
                printSync(result)
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send your work to the team server and bring back what you may see.",
            discussion: """
            Safe to run at any time and as often as you like: work already on the server is not sent \
            again, and an interrupted sync loses nothing (run it again). When the server cannot be \
            reached, your work stays in your copy.

            Examples:
              dossier team sync --db ana.sqlite
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            try reportingErrors {
                let path = project.path, who = identity.viewer.handle
                let result = try blocking { try await TeamProject.sync(project: path, as: who) }
                printSync(result)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a round on the team server (lead or adjudicator), then sync.",
            discussion: """
            Refused while an assigned coder has unfinished units (as counted from what they have \
            sent), unless --force --reason TEXT, which is logged on the server. Afterwards your sync \
            brings in every coder's work in the round.

            Examples:
              dossier team close rel-1 --as lea
              dossier team close rel-1 --as lea --force --reason "ben left; 12 units uncoded"
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "The round.") var round: String
        @Flag(help: "Close although units are unfinished (needs --reason).") var force = false
        @Option(help: "Why the round is closed early (logged).") var reason: String?

        func run() throws {
            try reportingErrors {
                let path = project.path, who = identity.viewer.handle, round = self.round, force = self.force, reason = self.reason
                let result = try blocking { try await TeamProject.close(project: path, round: round, as: who, force: force, reason: reason) }
                print("Closed \(round) on the team server.")
                printSync(result)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The team server, your membership, rounds and progress, and unsent work.",
            discussion: """
            Progress counts (units assigned and finished per coder) come from what coders have sent; \
            a coder sees only their own line, leads and adjudicators everyone's. No coding content. \
            --format json is one document: server, handle, role, schema, published_version, \
            copy_version, last_sync, encrypted (true/false), tls_version, and the round lines in \
            rounds; --format csv is the round lines alone.

            Examples:
              dossier team status --db ana.sqlite
              dossier team status --format json
            """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var identity: IdentityOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let path = project.path, who = identity.viewer.handle
                let s = try blocking { try await TeamProject.status(project: path, as: who) }
                let rows: [[String?]] = s.rounds.flatMap { r in
                    (r.progress.isEmpty ? [nil] : r.progress.map { Optional($0) }).map { p in
                        [r.name, r.purpose, r.blind ? "yes" : "no", r.status, p?.coder, p.map { String($0.assigned) },
                         p.map { String($0.finished) }, p?.lastPush.map(isoUTC), s.unsent.contains(r.name) ? "yes" : "no"]
                    }
                }
                let table = RowPrinter(headers: ["round", "purpose", "blind", "status", "coder", "assigned", "finished", "last_sent", "unsent_work"], rows: rows)
                switch output.format {
                case .table:
                    print("Team server \(s.server) as \(s.handle) (\(s.role)); schema \(s.schema.last ?? "-"); published version \(s.publishedVersion), this copy \(s.copyVersion)\(s.publishedVersion > s.copyVersion ? " (sync to update)" : ""); last sync \(s.lastSync.map(isoUTC) ?? "never"); \(s.tls.map { "encrypted (\($0))" } ?? "not encrypted").")
                    print(table.table())
                case .csv:
                    print(table.csv())
                case .json:
                    // One document: the session (server, role, versions, encryption) with the round lines in it,
                    // so a script reads `encrypted` as the table's first line shows it.
                    let lines = (try? JSONSerialization.jsonObject(with: Data(table.json().utf8))) ?? []
                    print(JSONText.encode([
                        "server": s.server, "handle": s.handle, "role": s.role, "schema": s.schema.last ?? NSNull(),
                        "published_version": s.publishedVersion, "copy_version": s.copyVersion,
                        "last_sync": s.lastSync.map(isoUTC) ?? NSNull(),
                        "encrypted": s.tls != nil, "tls_version": s.tls ?? NSNull(),
                        "rounds": lines,
                    ] as [String: Any]))
                }
            }
        }
    }
}

/// After a coding command: hands the work on to where the project lives (in a team working copy,
/// the server). Never fails the command: the work is already stored in the copy, and `team sync`
/// sends what is left.
func sendToTeamServer(_ project: ProjectOptions) {
    for line in project.workStore.deliver() { printError(line) }
}

/// Before a command reads work from the project file itself: in a team working copy, says on
/// standard error what the copy lacks against the server (work not yet sent, a newer publication,
/// a round closed there), or that it could not be compared. Nothing in a plain project file.
func noteIfBehindTeamServer(_ project: ProjectOptions) {
    for line in project.workStore.readingNotices() { printError(line) }
}

extension ProjectOptions {
    /// Where round progress is read and coding work goes: the team server for a working copy,
    /// this file otherwise. The commands do not know which.
    var workStore: any RoundWorkStore { TeamServerWorkStore.forProject(at: path) }
}

private func printPublish(_ p: TeamProject.PublishResult) {
    print(p.isNew ? "Published version \(p.version): \(p.documents) documents, \(p.passages) passages, \(p.rounds) rounds (no codings)."
          : "Nothing changed since published version \(p.version); nothing stored.")
}

private func printSync(_ r: TeamProject.SyncResult) {
    for p in r.pushed {
        print(p.new ? "Sent your work in \(p.round): \(p.codings) codings, \(p.finished) finished units."
              : "Your work in \(p.round) is already on the server (\(p.codings) codings, \(p.finished) finished units).")
    }
    for round in r.notSent { print("Round \(round) is closed on the server: your later changes there were not sent.") }
    for p in r.pulled where p.added > 0 || p.retracted > 0 {
        print("Brought in \(p.coder)'s work in \(p.round): \(p.added) codings added, \(p.retracted) withdrawn.")
    }
    for round in r.closedHere { print("Round \(round) is closed on the team server; closed in this copy too.") }
    for d in r.decisionsSent where d.new { print("Sent your decisions in \(d.round).") }
    for d in r.decisionsPulled { print("Brought in \(d.adjudicator)'s decisions in \(d.round): \(d.recorded) recorded.") }
    if let v = r.rebuiltFrom, let kept = r.previousCopy {
        print("Rebuilt this copy from published version \(v); the previous file is kept as \(kept).")
    }
}

private func isoUTC(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
}

/// Runs the team layer's async work from a synchronous command, waiting for it on this thread.
private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    try blockingOnTeamServer(body)
}
