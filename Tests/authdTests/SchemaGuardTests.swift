import Foundation
import Testing

/// A deployer who forgot `authd migrate`, or rolled authd back under a newer schema, gets a clear
/// refusal rather than an outage; `authd migrate --status` and `authd check` say where things stand.
@Suite("schema guard, migrate --status and check", .enabled(if: BackingServers.expected), .serialized)
struct SchemaGuardTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    /// Runs a short-lived `authd` command and returns its exit status, stdout and stderr.
    static func run(_ arguments: [String], _ environment: [String: String]) async throws -> (status: Int32, out: String, err: String) {
        try await offThePool { try runBlocking(arguments, environment) }
    }

    private static func runBlocking(_ arguments: [String], _ environment: [String: String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = AuthdProcess.binary
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Runs SQL on the test database with psql.
    static func psql(_ database: String, _ sql: String) async throws {
        try await offThePool { try psqlBlocking(database, sql) }
    }

    private static func psqlBlocking(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [database, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RawHTTPClient.ClientError("psql failed: \(sql)") }
    }

    /// A fresh, empty schema of the test database, and the `DATABASE_URL` that uses only it.
    func emptyDatabase() async throws -> String {
        let schema = "guard_\(UUID().uuidString.prefix(8).lowercased())"
        try await Self.psql(servers.database, "CREATE SCHEMA \(schema)")
        let separator = servers.database.contains("?") ? "&" : "?"
        return servers.database + separator + "options=-csearch_path%3D\(schema)"
    }

    func serveEnvironment(_ database: String) -> [String: String] {
        ["DATABASE_URL": database, "JWT_SECRET": BackingServers.secret, "MAIL_LOG": "insecure", "PORT": "0"]
    }

    @Test func anEmptyDatabaseIsRefusedUntilMigratedAndStatusSaysWhy() async throws {
        let database = try await emptyDatabase()
        let refused = try await Self.run(["serve"], serveEnvironment(database))
        #expect(refused.status == 2)
        let lines = refused.err.split(separator: "\n")
        #expect(lines.count == 1, "\(refused.err)")
        #expect(refused.err.contains("has no schema") && refused.err.contains("run `authd migrate`"), "\(refused.err)")

        let before = try await Self.run(["migrate", "--status"], ["DATABASE_URL": database])
        #expect(before.status == 0)
        #expect(before.out.contains("pending  1 initial"), "\(before.out)")
        #expect(before.out.contains("this authd needs"), "\(before.out)")
        #expect(try await Self.run(["migrate"], ["DATABASE_URL": database]).status == 0)
        let after = try await Self.run(["migrate", "--status"], ["DATABASE_URL": database])
        #expect(after.out.contains("applied  1") && !after.out.contains("pending"), "\(after.out)")
        #expect(after.out.contains("up to date"), "\(after.out)")
    }

    @Test func aDatabaseOneMigrationBehindIsRefusedNamingBothVersions() async throws {
        let database = try await emptyDatabase()
        #expect(try await Self.run(["migrate"], ["DATABASE_URL": database]).status == 0)
        let applied = try await Self.run(["migrate", "--status"], ["DATABASE_URL": database]).out
            .split(separator: "\n").compactMap { $0.hasPrefix("applied  ") ? Int($0.dropFirst(9)) : nil }.sorted()
        let newest = try #require(applied.last)
        // Versions may skip a number (one reserved for a change developed beside it).
        let previous = try #require(applied.dropLast().last)
        try await Self.psql(database, "DELETE FROM schema_migrations WHERE version = \(newest)")
        let refused = try await Self.run(["serve"], serveEnvironment(database))
        #expect(refused.status == 2)
        #expect(refused.err.contains("schema version \(previous)") && refused.err.contains("needs version \(newest)"), "\(refused.err)")
        #expect(refused.err.contains("authd migrate"))
    }

    @Test func aNewerSchemaIsRefusedUnlessAllowed() async throws {
        let database = try await emptyDatabase()
        #expect(try await Self.run(["migrate"], ["DATABASE_URL": database]).status == 0)
        try await Self.psql(database, "INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
        let refused = try await Self.run(["serve"], serveEnvironment(database))
        #expect(refused.status == 2)
        #expect(refused.err.contains("newer than this authd") && refused.err.contains("--allow-newer-schema"), "\(refused.err)")
        let allowed = try AuthdProcess(arguments: ["serve", "--allow-newer-schema"], environment: serveEnvironment(database))
        _ = try await allowed.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)
        #expect(allowed.terminate() == 0)
    }

    @Test func aChangedEncryptionKeyIsRefusedAtStartUpNamingIt() async throws {
        let database = try await emptyDatabase()
        #expect(try await Self.run(["migrate"], ["DATABASE_URL": database]).status == 0)
        let original = String(repeating: "k", count: 32)
        var environment = serveEnvironment(database)
        environment["ENCRYPTION_KEY"] = original
        let authd = try AuthdProcess(arguments: ["serve"], environment: environment)
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let http = RawHTTPClient(port: port)
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": "keys@example.com", "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await authd.waitFor(/code=(\d{6})/)
        let verified = try http.request(
            "POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": try #require(authd.loggedCodes.last)])
        let token = try #require(try verified.object()["token"] as? String)
        #expect(try http.request("POST", "/api/v1/auth/mfa/totp", json: ["name": "Phone"], token: token).status == 200)
        #expect(authd.terminate() == 0)

        environment["ENCRYPTION_KEY"] = String(repeating: "x", count: 32)
        let refused = try await Self.run(["serve"], environment)
        #expect(refused.status == 2)
        #expect(refused.err.split(separator: "\n").count == 1, "\(refused.err)")
        #expect(refused.err.contains("ENCRYPTION_KEY does not open"), "\(refused.err)")
        // The JWT secret it defaults to is another key too.
        environment["ENCRYPTION_KEY"] = nil
        #expect(try await Self.run(["serve"], environment).status == 2)

        environment["ENCRYPTION_KEY"] = original
        let restored = try AuthdProcess(arguments: ["serve"], environment: environment)
        _ = try await restored.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)
        #expect(restored.terminate() == 0)
    }

    @Test func checkReachesEveryBackendAndNamesTheOneThatFails() async throws {
        var environment = ["DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret, "MAIL_LOG": "insecure"]
        if let redis = servers.redis { environment["REDIS_URL"] = redis }
        if let smtp = servers.smtp {
            environment["SMTP_URL"] = smtp.url
            environment["MAIL_FROM"] = "auth@example.com"
        }
        let passing = try await Self.run(["check"], environment)
        #expect(passing.status == 0, "\(passing.out)\(passing.err)")
        #expect(passing.out.contains("postgresql: ok"), "\(passing.out)")
        if servers.redis != nil { #expect(passing.out.contains("redis: ok"), "\(passing.out)") }
        if servers.smtp != nil { #expect(passing.out.contains("smtp: ok"), "\(passing.out)") }

        // A Redis that is not there (nothing listens on port 1).
        environment["REDIS_URL"] = "redis://127.0.0.1:1"
        let failing = try await Self.run(["check"], environment)
        #expect(failing.status == 1)
        #expect(failing.out.contains("redis: FAILED"), "\(failing.out)")
        #expect(!failing.out.contains(BackingServers.secret))
    }
}
