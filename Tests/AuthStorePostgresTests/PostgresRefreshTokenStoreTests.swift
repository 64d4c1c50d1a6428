import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// What the `refresh_tokens` table holds, read straight from PostgreSQL (the port's contract runs
/// in ``PostgresContractTests``).
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresRefreshTokenStoreTests {
    /// docs/security.md, "Secrets at rest": a row is the SHA-256 of the current token and nothing a
    /// thief who reads the table could present: not the token's text, its bytes or its MAC.
    @Test func theTableHoldsOnlyTheHashOfTheCurrentToken() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let mailbox = InMemoryMailbox()
            var deps = stores.dependencies(replacingStoresOf: AuthDependencies.inMemory(clock: clock))
            deps.mailer = mailbox
            deps.hasher = Argon2idPasswordHasher(configuration: .cheapForTests)
            let auth = try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 5, count: 32), codeKey: Array(repeating: 6, count: 32))
            let client = ClientContext(ip: IPAddress("203.0.113.20"), userAgent: "test", clientName: "test")
            let challenge = try await auth.signUp(email: "ada@example.com", password: "correct horse battery", client: client)
            let code = try #require(await mailbox.latest(to: try EmailAddress("ada@example.com"))?.code)
            let signedIn = try await auth.verifyEmail(id: challenge.verificationID, code: code, client: client)
            let refreshed = try await auth.refresh(refreshToken: signedIn.refreshToken, client: client)

            let rows = try await stores.pool.query("SELECT row_to_json(r)::text AS row FROM refresh_tokens r").rows
            #expect(rows.count == 1)
            let row = try #require(try rows.first?.string("row"))
            for token in [signedIn.refreshToken, refreshed.refreshToken] {
                let raw = try #require(Self.base64URLDecoded(token))
                #expect(!row.contains(token))
                for secret in [Array(token.utf8), raw, Array(raw.suffix(32))] { #expect(!row.contains(Self.hex(secret))) }
            }
            // What it does hold is SHA-256 of the current token, computed here by PostgreSQL itself.
            let current: PostgresQuery = """
                SELECT count(*) AS n FROM refresh_tokens \
                WHERE token_hash = sha256(convert_to(\(.text(refreshed.refreshToken)), 'UTF8')) AND generation = 1
                """
            let hashed = try await stores.pool.query(current).rows.first?.int("n")
            #expect(hashed == 1)
        }
    }

    /// The bytes a base64url text stands for.
    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }

    /// `bytes` in lowercase hex, as PostgreSQL writes a `bytea`.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
