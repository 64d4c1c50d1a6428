import AuthCore
@testable import AuthHTTP
import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// `/me` is written by hand on the hot path: it must be the very bytes `JSONEncoder` produced.
@Suite struct MeResponseTests {
    static func authenticated(email: String, image: String?, client: String, location: String, amr: [String]) throws -> Authenticated {
        let created = Date(timeIntervalSince1970: 1_767_225_600.987_6)
        let user = User(email: try EmailAddress(email), isEmailVerified: true, imageURL: image, createdAt: created)
        let session = Session(
            userID: user.id, client: ClientContext(ip: IPAddress("2001:db8::1"), clientName: client, location: location),
            createdAt: created, expiresAt: created.addingTimeInterval(604_800), amr: amr, aal: amr.count > 1 ? 2 : 1)
        return Authenticated(session: session, user: user, secondFactors: amr.count > 1 ? [.totp] : [])
    }

    static func body(_ response: Response) async throws -> [UInt8] {
        var buffer = ByteBuffer()
        let writer = CollectingWriter()
        try await response.body.write(writer)
        for part in writer.parts { buffer.writeImmutableBuffer(part) }
        return Array(buffer.readableBytesView)
    }

    @Test(arguments: [
        ("plain@example.com", nil, "web", "", ["pwd"]),
        ("quote@example.com", "https://example.com/a/b.png?x=\"1\"", "Chrome \"131\"\\ on\tmacOS\u{01}\u{1F}", "Zürich 🔐", ["pwd", "otp", "mfa"]),
    ] as [(String, String?, String, String, [String])])
    func theHandWrittenBodyIsTheEncodersBytes(email: String, image: String?, client: String, location: String, amr: [String]) async throws {
        let auth = try Self.authenticated(email: email, image: image, client: client, location: location, amr: amr)
        let handWritten = MeResponse.response(auth)
        let encoded = try JSONBody.response(MeResponse(auth))
        #expect(try await Self.body(handWritten) == (try await Self.body(encoded)))
        #expect(handWritten.headers[.contentType] == encoded.headers[.contentType])
        #expect(handWritten.headers[.contentLength] == encoded.headers[.contentLength])
    }
}

/// Collects what a response body writes.
private final class CollectingWriter: ResponseBodyWriter, Sendable {
    private let collected = Mutex<[ByteBuffer]>([])
    var parts: [ByteBuffer] { collected.withLock { $0 } }
    func write(_ buffer: ByteBuffer) async throws { collected.withLock { $0.append(buffer) } }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
