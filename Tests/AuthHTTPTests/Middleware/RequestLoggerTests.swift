@testable import AuthHTTP
import Hummingbird
import Logging
import NIOEmbedded
import Testing

/// Every line a request's logger writes carries its `request_id`, though the id is only added when
/// the logger is asked for.
@Suite struct RequestLoggerTests {
    static func context() -> AuthRequestContext {
        AuthRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test")))
    }

    @Test func theLoggerCarriesTheRequestIDOnceItIsSet() {
        var context = Self.context()
        #expect(context.logger[metadataKey: "request_id"] == nil)
        context.requestID = "req-1"
        #expect(context.logger[metadataKey: "request_id"] == "req-1")
    }

    @Test func metadataSetThroughTheLoggerStaysBesideTheRequestID() {
        var context = Self.context()
        context.requestID = "req-2"
        context.logger[metadataKey: "user"] = "u1"
        #expect(context.logger[metadataKey: "user"] == "u1")
        #expect(context.logger[metadataKey: "request_id"] == "req-2")
    }

    @Test func theLevelIsAskedWithoutBuildingTheLogger() {
        var context = Self.context()
        context.logger.logLevel = .notice
        #expect(!context.logs(at: .info))
        #expect(context.logs(at: .error))
    }
}
