import AuthCore
import Logging
import AuthHTTP
import AuthTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A limiter whose backend is down.
struct BrokenRateLimiter: RateLimiter {
    func hit(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        throw AuthError(.unavailable, "redis is down")
    }
    func peek(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        throw AuthError(.unavailable, "redis is down")
    }
    func refund(_ key: String, policy: RateLimitPolicy) async throws {
        throw AuthError(.unavailable, "redis is down")
    }
}

@Suite("rate limits")
struct RateLimitTests {
    static let signIn = "/api/v1/auth/sign-in/credentials"
    static let credentials: [String: any Sendable] = ["email": "ada@example.com", "password": "wrong password!"]
    /// Credential stuffing: one guess per account, so only the per-network route limit applies
    /// (AuthCore's per-account limits have their own tests).
    static func stuffing(_ i: Int) -> [String: any Sendable] { ["email": "user\(i)@example.com", "password": "wrong password!"] }

    @Test func theEleventhSignInFromOneIPWithinAMinuteIs429WithHeaders() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            for i in 1...10 {
                let r = try await client.send(.post, Self.signIn, json: Self.stuffing(i))
                #expect(r.status == .unauthorized)
                #expect(r.headers[HTTPField.Name("RateLimit-Limit")!] == "10")
                #expect(r.headers[HTTPField.Name("RateLimit-Remaining")!] == String(10 - i))
                #expect(r.headers[HTTPField.Name("RateLimit-Reset")!] == "60")
            }
            h.clock.advance(by: .seconds(15))
            let refused = try await client.send(.post, Self.signIn, json: Self.credentials)
            try refused.expectProblem(.tooManyRequests, "rate_limited")
            #expect(refused.headers[.retryAfter] == "45")
            #expect(refused.headers[HTTPField.Name("RateLimit-Limit")!] == "10")
            #expect(refused.headers[HTTPField.Name("RateLimit-Remaining")!] == "0")
            #expect(refused.headers[HTTPField.Name("RateLimit-Reset")!] == "45")

            // Other routes have their own budget; the window ends after 60 s.
            #expect(try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"]).status == .ok)
            h.clock.advance(by: .seconds(45))
            #expect(try await client.send(.post, Self.signIn, json: Self.credentials).status == .unauthorized)
        }
    }

    @Test func xForwardedForFromAnUntrustedPeerDoesNotBuyMoreAttempts() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            for i in 1...10 {
                let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.\(i)"]
                #expect(try await client.send(.post, Self.signIn, json: Self.stuffing(i), headers: headers).status == .unauthorized)
            }
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.99"]
            try await client.send(.post, Self.signIn, json: Self.credentials, headers: headers)
                .expectProblem(.tooManyRequests, "rate_limited")
        }
    }

    @Test func mailSendingRoutesAreLimitedPerAddressAcrossRoutes() async throws {
        var settings = AuthApplication.Settings()
        settings.rateLimit = RateLimitPolicy(limit: 100, window: .seconds(60))
        let h = try await HTTPHarness(settings: settings)
        try await h.test { client in
            #expect(try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"]).status == .created)
            for _ in 0..<2 {
                #expect(try await client.send(.post, "/api/v1/auth/resend/verification/email", json: ["email": "ada@example.com"]).status == .ok)
            }
            for _ in 0..<2 {
                #expect(try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ADA@example.com"]).status == .ok)
            }
            let refused = try await client.send(.get, "/api/v1/auth/reset/password?email=ada@example.com")
            try refused.expectProblem(.tooManyRequests, "rate_limited")
            #expect(refused.headers[.retryAfter] == "600")
            // Another address is unaffected.
            #expect(try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "bob@example.com"]).status == .ok)
        }
    }

    @Test func aFailingSharedLimiterBehindTheFallbackDoesNotTurnLimitingOff() async throws {
        // What authd wires for REDIS_URL: the shared limiter behind a per-process fallback.
        let h = try await HTTPHarness(
            rateLimiter: FallbackRateLimiter(primary: BrokenRateLimiter(), logger: Logger(label: "test")))
        try await h.test { client in
            for i in 1...10 {
                #expect(try await client.send(.post, Self.signIn, json: Self.stuffing(i)).status == .unauthorized)
            }
            try await client.send(.post, Self.signIn, json: Self.stuffing(11)).expectProblem(.tooManyRequests, "rate_limited")
        }
    }

    @Test func everySensitiveRouteIsLimited() async throws {
        var settings = AuthApplication.Settings()
        settings.rateLimit = RateLimitPolicy(limit: 1, window: .seconds(60))
        let h = try await HTTPHarness(settings: settings)
        try await h.test { client in
            let routes: [(HTTPRequest.Method, String, [String: any Sendable])] = [
                (.post, "sign-up", ["email": "a@example.com", "password": "correct horse battery"]),
                (.post, "verify-email", ["token_id": UUID().uuidString, "code": "123456"]),
                (.post, "resend/verification/email", ["email": "b@example.com"]),
                (.post, "sign-in/credentials", ["email": "c@example.com", "password": "correct horse battery"]),
                (.post, "sign-in/mfa", ["token_id": UUID().uuidString, "code": "123456"]),
                (.post, "reset/password", ["email": "d@example.com"]),
                (.patch, "reset/password", ["token_id": UUID().uuidString, "code": "123456", "password": "correct horse battery"]),
            ]
            for (method, path, body) in routes {
                let first = try await client.send(method, "/api/v1/auth/\(path)", json: body)
                #expect(first.status != .tooManyRequests, "\(path)")
                try await client.send(method, "/api/v1/auth/\(path)", json: body).expectProblem(.tooManyRequests, "rate_limited")
            }
            // GET shares the request budget with POST.
            try await client.send(.get, "/api/v1/auth/reset/password?email=e@example.com").expectProblem(.tooManyRequests, "rate_limited")
        }
    }
}
