import Foundation
import Testing

/// `authd admin grant|revoke|list`: an operator gives and takes the admin role in the database,
/// and cannot take it from the last admin by accident.
@Suite("authd admin", .enabled(if: BackingServers.expected), .serialized)
struct AdminCommandTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    func database() async throws -> String {
        let schema = "admin_\(UUID().uuidString.prefix(8).lowercased())"
        try await SchemaGuardTests.psql(servers.database, "CREATE SCHEMA \(schema)")
        let separator = servers.database.contains("?") ? "&" : "?"
        let url = servers.database + separator + "options=-csearch_path%3D\(schema)"
        #expect(try await SchemaGuardTests.run(["migrate"], ["DATABASE_URL": url]).status == 0)
        for (email, verified) in [("ada@example.com", true), ("bob@example.com", true), ("eve@example.com", false)] {
            try await SchemaGuardTests.psql(url, """
                INSERT INTO users (id, email, is_email_verified, created_at, updated_at) \
                VALUES (gen_random_uuid(), '\(email)', \(verified), now(), now())
                """)
        }
        return url
    }

    @Test func grantListAndRevokeButNeverTheLastAdminByAccident() async throws {
        let env = ["DATABASE_URL": try await database()]
        let granted = try await SchemaGuardTests.run(["admin", "grant", "ADA@example.com"], env)
        #expect(granted.status == 0 && granted.out.contains("ada@example.com is now an admin"), "\(granted)")
        #expect(try await SchemaGuardTests.run(["admin", "grant", "ada@example.com"], env).out.contains("already is an admin"))
        #expect(try await SchemaGuardTests.run(["admin", "list"], env).out.contains("ada@example.com"))

        let last = try await SchemaGuardTests.run(["admin", "revoke", "ada@example.com"], env)
        #expect(last.status == 2 && last.err.contains("last admin"), "\(last)")
        #expect(try await SchemaGuardTests.run(["admin", "list"], env).out.contains("ada@example.com"))

        #expect(try await SchemaGuardTests.run(["admin", "grant", "bob@example.com"], env).status == 0)
        #expect(try await SchemaGuardTests.run(["admin", "revoke", "ada@example.com"], env).status == 0)
        let forced = try await SchemaGuardTests.run(["admin", "revoke", "bob@example.com", "--allow-last"], env)
        #expect(forced.status == 0, "\(forced)")
        #expect(!(try await SchemaGuardTests.run(["admin", "list"], env).out.contains("@")))
    }

    @Test func onlyVerifiedExistingAccountsAndOnlyWithADatabase() async throws {
        let env = ["DATABASE_URL": try await database()]
        let unverified = try await SchemaGuardTests.run(["admin", "grant", "eve@example.com"], env)
        #expect(unverified.status == 2 && unverified.err.contains("not verified"), "\(unverified)")
        let unknown = try await SchemaGuardTests.run(["admin", "grant", "nobody@example.com"], env)
        #expect(unknown.status == 2 && unknown.err.contains("no account"), "\(unknown)")
        let noDatabase = try await SchemaGuardTests.run(["admin", "grant", "ada@example.com"], [:])
        #expect(noDatabase.status == 2 && noDatabase.err.contains("DATABASE_URL is required"), "\(noDatabase)")
    }
}
