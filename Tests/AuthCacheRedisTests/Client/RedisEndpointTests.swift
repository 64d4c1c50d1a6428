import AuthCacheRedis
import AuthCore
import Testing

/// `REDIS_URL` parsing: what deployers write must mean what they expect, and mistakes fail at start.
@Suite struct RedisEndpointTests {
    @Test func plainURLDefaults() throws {
        let e = try RedisEndpoint(url: "redis://cache.internal")
        #expect(e.host == "cache.internal" && e.port == 6379 && !e.useTLS)
        #expect(e.username == nil && e.password == nil && e.database == 0 && e.tlsCAFile == nil)
    }

    @Test func passwordAloneAndDatabase() throws {
        let e = try RedisEndpoint(url: "redis://:s%40cret@127.0.0.1:6380/3")
        #expect(e.username == nil && e.password == "s@cret")
        #expect(e.port == 6380 && e.database == 3)
    }

    @Test func aclUserTLSAndCAFile() throws {
        let e = try RedisEndpoint(url: "rediss://default:tok3n@eu1.upstash.io:6379?tls_ca=/etc/ca.pem")
        #expect(e.useTLS && e.username == "default" && e.password == "tok3n")
        #expect(e.tlsCAFile == "/etc/ca.pem")
    }

    @Test func ipv6Host() throws {
        let e = try RedisEndpoint(url: "redis://[::1]:7000")
        #expect(e.host == "::1" && e.port == 7000)
    }

    @Test func descriptionHidesThePassword() throws {
        let e = try RedisEndpoint(url: "rediss://app:hunter2@redis.example:6390/1")
        #expect(e.description == "rediss://app:***@redis.example:6390/1")
        #expect(!e.description.contains("hunter2"))
    }

    @Test(arguments: [
        "http://127.0.0.1", "redis://", "redis://host/abc", "redis://host/-1", "redis://user@host",
        "redis://host?tls_ca=/x.pem", "rediss://host?verify=none", "redis://host:99999",
    ])
    func malformedURLsAreRefused(_ url: String) {
        #expect(throws: AuthError.self) { try RedisEndpoint(url: url) }
    }

    @Test func errorsNeverEchoThePassword() {
        do {
            _ = try RedisEndpoint(url: "redis://:hunter2@host/notadb")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
            #expect(error is AuthError)
        }
    }

    @Test func anUnreadableCAFileFailsAtStart() {
        #expect(throws: AuthError.self) {
            try RedisClient(url: "rediss://127.0.0.1:6379?tls_ca=/nonexistent/ca.pem")
        }
    }
}
