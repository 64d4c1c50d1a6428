@testable import AuthHTTP
import Foundation
import Testing

/// Generated request ids: unique, in the UUID text form, and sane by the middleware's own rule.
@Suite("request id generation")
struct RequestIDGenerationTests {
    @Test func generatedIDsAreDistinctUUIDTextThatTheMiddlewareWouldKeep() {
        let ids = (0..<10_000).map { _ in RequestIDMiddleware.generate() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id)
            #expect(RequestIDMiddleware.sanitized(id) == id)
        }
    }
}
