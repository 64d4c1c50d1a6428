import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

@Suite("problem+json mapping")
struct ProblemMapperTests {
    struct Opaque: Error {}

    /// Collects a response body in memory.
    struct Collector: ResponseBodyWriter {
        let sink: Sink
        final class Sink: @unchecked Sendable {
            // Only touched sequentially by the one test that owns it.
            var buffer = ByteBuffer()
        }
        mutating func write(_ buffer: ByteBuffer) async throws {
            var copy = buffer
            sink.buffer.writeBuffer(&copy)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static func body(_ response: Response) async throws -> [String: Any] {
        let sink = Collector.Sink()
        try await response.body.write(Collector(sink: sink))
        let object = try JSONSerialization.jsonObject(with: Data(sink.buffer.readableBytesView))
        return try #require(object as? [String: Any])
    }

    @Test(arguments: [
        (AuthError.Code.invalidRequest, 400), (.invalidCode, 400), (.codeExpired, 400), (.tooManyAttempts, 400),
        (.invalidCredentials, 401), (.unauthorized, 401), (.sessionExpired, 401), (.mfaRequired, 401),
        (.emailNotVerified, 403), (.notFound, 404), (.conflict, 409), (.payloadTooLarge, 413), (.rateLimited, 429),
        (.overloaded, 503), (.unavailable, 503), (.internal, 500),
    ])
    func statuses(code: AuthError.Code, status: Int) async throws {
        let response = ProblemMapper.response(for: AuthError(code, "detail text"), logger: Logger(label: "test"))
        #expect(Int(response.status.code) == status)
        #expect(response.headers[.contentType] == "application/problem+json")
        let body = try await Self.body(response)
        #expect(body["error"] as? String == code.rawValue)
        #expect(body["type"] as? String == "urn:auth:problem:\(code.rawValue)")
    }

    @Test func unavailableAndOverloadedSayWhenToRetry() {
        #expect(ProblemMapper.response(for: AuthError(.overloaded), logger: Logger(label: "t")).headers[.retryAfter] == "1")
        #expect(ProblemMapper.response(for: AuthError(.unavailable), logger: Logger(label: "t")).headers[.retryAfter] == "5")
    }

    /// Records the level of every message it is given.
    struct LevelRecorder: LogHandler {
        let levels: Levels
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { levels.recorded.withLock { $0.append(event.level) } }
    }

    final class Levels: Sendable {
        let recorded = Mutex<[Logger.Level]>([])
        var logger: Logger { Logger(label: "test") { _ in LevelRecorder(levels: self) } }
    }

    @Test func aStoreOutageIsAnErrorButAFullHashingQueueIsNot() {
        // Refusals under a storm come one per request and are counted by a metric; logged as
        // errors, a storm of sign-ins became a storm of log lines.
        let levels = Levels()
        _ = ProblemMapper.response(for: AuthError(.unavailable), logger: levels.logger)
        _ = ProblemMapper.response(for: AuthError(.overloaded), logger: levels.logger)
        #expect(levels.recorded.withLock { $0 } == [.error, .debug])
    }

    @Test func unknownErrorsAreAGeneric500() async throws {
        let response = ProblemMapper.response(for: Opaque(), logger: Logger(label: "test"))
        #expect(response.status == .internalServerError)
        let body = try await Self.body(response)
        #expect(body["error"] as? String == "internal")
        #expect(body["detail"] as? String == "Something went wrong.")
    }

    @Test func unauthorizedAndInternalNeverCarryDetail() async throws {
        let body = try await Self.body(ProblemMapper.response(for: AuthError(.unauthorized, "signature mismatch"), logger: Logger(label: "t")))
        #expect(body["detail"] as? String == "Authentication required.")
        let internalBody = try await Self.body(
            ProblemMapper.response(for: AuthError(.internal, "SELECT * FROM users"), logger: Logger(label: "t")))
        #expect(internalBody["detail"] as? String == "Something went wrong.")
    }
}

@Suite("error codes that grow")
struct ErrorCodeCatalogueTests {
    @Test func everyCodeAuthCoreThrowsHasItsOwnTitleAndMessage() async throws {
        for code in AuthError.Code.known {
            let body = try await ProblemMapperTests.body(ProblemMapper.response(for: AuthError(code), logger: Logger(label: "test")))
            #expect(body["title"] as? String != "Bad request", "\(code) has no entry in the problem catalogue")
            #expect(body["message"] as? String != "The request could not be completed.", "\(code) has no generic message")
        }
    }

    @Test func aCodeFromANewerCoreIsStillAClearProblem() async throws {
        let future = AuthError.Code(rawValue: "passkey_revoked")
        let response = ProblemMapper.response(for: AuthError(future, "the passkey was revoked"), logger: Logger(label: "test"))
        #expect(response.status == .badRequest)
        let body = try await ProblemMapperTests.body(response)
        #expect(body["error"] as? String == "passkey_revoked")
        #expect(body["message"] as? String == "the passkey was revoked")
    }
}
