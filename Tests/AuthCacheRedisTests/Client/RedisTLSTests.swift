import AuthCacheRedis
import AuthCore
import Foundation
import Testing

/// `rediss://` against the TLS-only test server, whose certificate a throw-away CA signed.
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDISS_URL (make test starts Redis)"))
struct RedisTLSTests {
    static func tlsSettings() throws -> (url: String, ca: String) {
        guard let url = RedisTestServer.tlsURL else { throw RedisTestServer.Missing(variable: "AUTH_TEST_REDISS_URL") }
        guard let ca = RedisTestServer.tlsCA else { throw RedisTestServer.Missing(variable: "AUTH_TEST_REDIS_CA") }
        return (url, ca)
    }

    @Test func trustedViaTheURLParameter() async throws {
        let (url, ca) = try Self.tlsSettings()
        let client = try RedisClient(url: "\(url)?tls_ca=\(ca)")
        try await client.ping()
        let store = RedisEphemeralStateStore(client: client)
        let key = UUID().uuidString
        #expect(try await store.put(key, value: [1, 2, 3], ttl: .seconds(30)))
        #expect(try await store.take(key) == [1, 2, 3])
        await client.close()
    }

    @Test func trustedViaConfigurationWithAHostName() async throws {
        let (url, ca) = try Self.tlsSettings()
        var configuration = RedisClient.Configuration()
        configuration.tlsCAFile = ca
        // The certificate names localhost too: this path sends SNI and checks the name.
        let client = try RedisClient(url: url.replacingOccurrences(of: "127.0.0.1", with: "localhost"), configuration: configuration)
        try await client.ping()
        await client.close()
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let (url, _) = try Self.tlsSettings()
        let client = try RedisClient(url: url)  // system roots do not know the test CA
        await expectUnavailable { try await client.ping() }
        await client.close()
    }

    @Test func plainTextToTheTLSPortFailsPromptly() async throws {
        let (url, _) = try Self.tlsSettings()
        var configuration = RedisClient.Configuration()
        configuration.commandTimeout = .milliseconds(500)
        let client = try RedisClient(url: url.replacingOccurrences(of: "rediss://", with: "redis://"), configuration: configuration)
        await expectUnavailable { try await client.ping() }
        await client.close()
    }
}
