@testable import AuthHTTP
import Hummingbird
import Logging
import NIOEmbedded
import Synchronization
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

    /// docs/security.md, "Logs and error bodies": the access-log line names the path, never the
    /// query string, so a route that takes an address in its query (the old service's
    /// `GET /reset/password?email=`) does not write the address into the logs.
    @Test func theAccessLogCarriesThePathButNeverTheQueryString() async throws {
        let logs = LogLines()
        let h = try await HTTPHarness(logger: logs.logger)
        try await h.test { client in
            let r = try await client.send(.get, "/api/v1/auth/reset/password?email=zoe.query%40example.com")
            #expect(r.status == .ok)
        }
        let lines = logs.lines.withLock { $0 }
        let access = lines.filter { $0.message == "request" }
        #expect(access.count == 1)
        #expect(access.first?.metadata["path"]?.description == "/api/v1/auth/reset/password")
        #expect(access.first?.metadata["status"]?.description == "200")
        for line in lines {
            let text = "\(line.message) \(line.metadata)"
            #expect(!text.contains("zoe.query") && !text.contains("email="), "\(text)")
        }
    }
}

/// Every line given to its ``logger`` at `info` or above, with its metadata (the handler's and the
/// line's own).
final class LogLines: Sendable {
    let lines = Mutex<[(message: String, metadata: Logger.Metadata)]>([])

    var logger: Logger {
        var logger = Logger(label: "authd.http.test") { _ in Handler(owner: self) }
        logger.logLevel = .info  // authd's default level
        return logger
    }

    struct Handler: LogHandler {
        let owner: LogLines
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            owner.lines.withLock { $0.append(("\(event.message)", all)) }
        }
    }
}
