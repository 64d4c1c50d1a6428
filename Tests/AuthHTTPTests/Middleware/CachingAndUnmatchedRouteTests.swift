import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

/// No-store is the default of every answer (caching is what a route asks for), and what the router
/// answers itself is a problem like every other error (docs/api.md, docs/architecture.md).
@Suite("no-store by default; the router's own answers as problems")
struct CachingAndUnmatchedRouteTests {
    @Test func everyAnswerIsNoStoreUnlessItChoseItsOwnCaching() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let answers = [
                try await client.send(.get, "/api/v1/auth/me"),  // a refusal (401)
                try await client.send(.get, "/api/v1/auth/no-such-route"),  // the router's 404
                try await client.send(.get, "/no-such-page"),  // outside the API
                try await client.send(.get, "//api/v1/auth/me"),  // the router ignores the empty segment
                try await client.send(.get, "/healthz"),
                try await client.send(.get, "/api/v1/openapi.json"),
            ]
            for answer in answers { #expect(answer.headers[.cacheControl] == "no-store", "\(answer.status)") }
            // The JWKS asks to be cached, and keeps it (one Cache-Control, not two).
            let keys = try await client.send(.get, "/.well-known/jwks.json")
            #expect(keys.headers[fields: .cacheControl].map(\.value) == ["public, max-age=300"])
        }
    }

    /// Over a real socket, where Hummingbird adds its own headers: no `Server` banner.
    @Test func answersNameNoServerSoftware() async throws {
        let h = try await HTTPHarness()
        try await h.testLive { client in
            for answer in [try await client.send(.get, "/healthz"), try await client.send(.get, "/api/v1/auth/me")] {
                #expect(answer.headers[.server] == nil, "\(answer.status)")
                #expect(answer.headers[.date] != nil)
            }
        }
    }

    @Test func anUnknownPathAnywhereIsANotFoundProblem() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            try await client.send(.get, "/no-such-page").expectProblem(.notFound, "not_found")
            try await client.send(.post, "/api/v1/admin/nothing-here").expectProblem(.notFound, "not_found")
        }
    }

    @Test func aBareErrorAnswerFromTheRouterIsRenderedAsAProblem() async throws {
        let middleware = UnmatchedRouteMiddleware(table: AllowedMethods(routes: []))
        let context = AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/x"), body: .init(buffer: ByteBuffer()))
        // What Hummingbird's router makes of an `HTTPError` without a message: a status, no body.
        let bare = try await middleware.handle(request, context: context) { _, _ in Response(status: .badRequest) }
        #expect(bare.status == .badRequest)
        #expect(bare.headers[.contentType] == "application/problem+json")
        // An answer with a body of its own (a handler's problem, a page) is left as it is.
        let own = try await middleware.handle(request, context: context) { _, _ in
            Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"])
        }
        #expect(own.headers[.contentType] == "text/html; charset=utf-8")
    }

    @Test func aBrokenRequestStreamPassesNoStoreUntouched() async throws {
        // ProblemMiddleware rethrows it so the connection closes; no stage outside may answer it.
        let context = AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/x"), body: .init(buffer: ByteBuffer()))
        await #expect(throws: HTTPParserError.self) {
            _ = try await NoStoreMiddleware().handle(request, context: context) { _, _ in throw HTTPParserError.invalidChunkSize }
        }
    }

    /// The shared stack in one frame keeps the stages' order at its edges: a broken stream is
    /// thrown on, unanswered; a refusal below the problem mapping becomes a problem that still
    /// gets no-store and the request id.
    @Test func theSharedStackThrowsABrokenStreamOnAndAnswersEveryOtherError() async throws {
        let stack = SharedStackMiddleware(
            resolver: ClientIPResolver(trustedProxies: []), allowed: AllowedMethods(routes: []), bodyLimit: 8)
        let context = AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        let get = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/x"), body: .init(buffer: ByteBuffer()))
        await #expect(throws: HTTPParserError.self) {
            _ = try await stack.handle(get, context: context) { _, _ in throw HTTPParserError.invalidChunkSize }
        }
        let refused = try await stack.handle(get, context: context) { _, _ in throw AuthError.unauthorized }
        #expect(refused.status == .unauthorized)
        #expect(refused.headers[.contentType] == "application/problem+json")
        #expect(refused.headers[.cacheControl] == "no-store")
        #expect(refused.headers[RequestIDMiddleware.header] != nil)
        let tooLarge = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/x", headerFields: [.contentLength: "9"]),
            body: .init(buffer: ByteBuffer(string: "123456789")))
        let overLimit = try await stack.handle(tooLarge, context: context) { _, _ in Response(status: .ok) }
        #expect(overLimit.status == .contentTooLarge)
        #expect(overLimit.headers[.cacheControl] == "no-store")
    }
}
