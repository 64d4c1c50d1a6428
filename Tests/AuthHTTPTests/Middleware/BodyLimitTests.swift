import AuthCore
@testable import AuthHTTP
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Testing

@Suite("body limit on streamed (chunked) bodies")
struct BodyLimitTests {
    static func context() -> AuthRequestContext {
        AuthRequestContext(source: .init(channel: EmbeddedChannel(), logger: Logger(label: "test")))
    }

    /// A request whose body arrives in `chunks` pieces of `size` bytes with no Content-Length, as
    /// `Transfer-Encoding: chunked` sends it.
    static func streamed(chunks: Int, size: Int) -> Request {
        let (body, source) = RequestBody.makeStream()
        Task {
            for _ in 0..<chunks { await source.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: size)) }
            source.finish()
        }
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/x")
        head.headerFields[.transferEncoding] = "chunked"
        return Request(head: head, body: body)
    }

    @Test func aChunkedBodyPastTheLimitIsRefusedWithoutReadingItAll() async throws {
        let middleware = BodyLimitMiddleware(limit: 64 * 1024)
        let request = Self.streamed(chunks: 65, size: 1024 + 1)  // 66,625 bytes, no Content-Length
        await #expect(throws: AuthError.self) {
            _ = try await middleware.handle(request, context: Self.context()) { _, _ in Response(status: .ok) }
        }
        do {
            _ = try await middleware.handle(Self.streamed(chunks: 65, size: 1025), context: Self.context()) { _, _ in Response(status: .ok) }
        } catch let error as AuthError {
            #expect(error.code == .payloadTooLarge)
        }
    }

    @Test func aChunkedBodyWithinTheLimitReachesTheHandlerCollected() async throws {
        let middleware = BodyLimitMiddleware(limit: 64 * 1024)
        let response = try await middleware.handle(Self.streamed(chunks: 64, size: 1024), context: Self.context()) { request, _ in
            let body = try await request.body.collect(upTo: .max)
            return Response(status: body.readableBytes == 64 * 1024 ? .ok : .badRequest)
        }
        #expect(response.status == .ok)
    }

    @Test func aRequestWithoutBodyHeadersHasNoBodyToCollect() async throws {
        // Neither Content-Length nor Transfer-Encoding: no body in HTTP/1.1, so the stream is left
        // to the server, which reads the request's end itself.
        let middleware = BodyLimitMiddleware(limit: 64 * 1024)
        let (body, source) = RequestBody.makeStream()  // not finished yet: collecting it would hang
        let request = Request(head: .init(method: .get, scheme: "http", authority: "localhost", path: "/me"), body: body)
        let response = try await middleware.handle(request, context: Self.context()) { _, _ in Response(status: .ok) }
        #expect(response.status == .ok)
        source.finish()
    }

    @Test func aDeclaredLengthOverTheLimitIsRefusedBeforeReading() async throws {
        let middleware = BodyLimitMiddleware(limit: 10)
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/x")
        head.headerFields[.contentLength] = "11"
        let request = Request(head: head, body: .init(buffer: ByteBuffer(string: "")))
        do {
            _ = try await middleware.handle(request, context: Self.context()) { _, _ in Response(status: .ok) }
            Issue.record("expected 413")
        } catch let error as AuthError {
            #expect(error.code == .payloadTooLarge)
        }
    }
}
