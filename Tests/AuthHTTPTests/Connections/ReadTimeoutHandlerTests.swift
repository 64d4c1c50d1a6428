@testable import AuthHTTP
import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// The read timeout on a connection, driven by hand on an embedded channel with a manual clock.
@Suite("read timeout of a connection")
struct ReadTimeoutHandlerTests {
    /// A connected channel whose client must send within 10 s.
    static func connected() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ReadTimeoutHandler(timeout: .seconds(10)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4000)).wait()
        return channel
    }

    static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "authd", path: "/api/v1/auth/sign-in"))

    /// Bytes arrived that completed no part (a partial head or body).
    static func someBytes(_ channel: EmbeddedChannel) { channel.pipeline.fireChannelReadComplete() }

    /// Expects the 408 problem answer (or another `status` and `code`), then a closed channel.
    static func expectTimeoutAnswer(
        _ channel: EmbeddedChannel, status: HTTPResponse.Status = .requestTimeout, code: String = "request_timeout",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head", sourceLocation: sourceLocation)
            return
        }
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headerFields[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.headerFields[.connection] == "close", sourceLocation: sourceLocation)
        guard case .body(let body) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response body", sourceLocation: sourceLocation)
            return
        }
        let problem = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        #expect(problem?["error"] as? String == code, sourceLocation: sourceLocation)
        #expect(problem?["status"] as? Int == status.code, sourceLocation: sourceLocation)
        #expect(Int(response.headerFields[.contentLength] ?? "") == body.readableBytes, sourceLocation: sourceLocation)
        guard case .end = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response end", sourceLocation: sourceLocation)
            return
        }
        #expect(!channel.isActive, sourceLocation: sourceLocation)
    }

    @Test func aHalfSentHeadIsAnswered408AndClosedAtTheDeadline() throws {
        let channel = try Self.connected()
        Self.someBytes(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        try Self.expectTimeoutAnswer(channel)
    }

    @Test func aClientTricklingHeaderBytesGetsNoExtension() throws {
        let channel = try Self.connected()
        for _ in 0..<9 {
            Self.someBytes(channel)
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        Self.someBytes(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        try Self.expectTimeoutAnswer(channel)
    }

    @Test func aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws {
        let channel = try Self.connected()
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(!channel.isActive)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func aBodyDrippedAByteAtATimeIsCutAtTheDeadlineOfItsHead() throws {
        let channel = try Self.connected()
        try channel.writeInbound(Self.head)
        // A byte every 2 s is progress, but the whole body is owed within 10 s of the head.
        for _ in 0..<4 {
            channel.embeddedEventLoop.advanceTime(by: .seconds(2))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{")))
        }
        #expect(channel.isActive)  // 8 s in
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        try Self.expectTimeoutAnswer(channel)
    }

    @Test func aBodyThatArrivesWithinTheDeadlineIsServed() throws {
        let channel = try Self.connected()
        try channel.writeInbound(Self.head)
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{}")))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))  // the handler's time, not the client's
        #expect(channel.isActive)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func neitherAWorkingHandlerNorAnIdleKeepAliveConnectionIsTimedOut() throws {
        let channel = try Self.connected()
        try channel.writeInbound(Self.head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(100))  // the handler's time: the request deadline's business
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(100))  // idle between requests: the idle timeout's business
        #expect(channel.isActive)
        // The next request's first bytes start its clock.
        Self.someBytes(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)  // the 200 written above
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)
        try Self.expectTimeoutAnswer(channel)
    }

    @Test func aRequestAlreadyAnsweredIsClosedWithoutASecondAnswerWhenItsBodyStalls() throws {
        let channel = try Self.connected()
        try channel.writeInbound(Self.head)
        // The application refused the request (say 413) before reading its body.
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .contentTooLarge)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(!channel.isActive)
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response")
            return
        }
        #expect(response.status == .contentTooLarge)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func pipelinedRequestsEachGetTheirOwnClock() {
        var machine = ReadTimeoutStateMachine(timeout: .seconds(10))
        let t0 = NIODeadline.uptimeNanoseconds(0)
        _ = machine.opened(now: t0)
        _ = machine.headRead(now: t0)
        _ = machine.endRead(now: t0)
        _ = machine.headRead(now: t0 + .seconds(1))  // the second request arrived with the first
        #expect(machine.responseEnded() == .none)  // the first answer does not end the second's read
        #expect(machine.timerFired(now: t0 + .seconds(11)) == .answerAndClose)
    }

}

/// The request deadline of a connection: handlers that have not started answering a request read
/// whole within the handling timeout (`HTTP_REQUEST_TIMEOUT`).
@Suite("request deadline of a connection")
struct ConnectionRequestDeadlineTests {
    /// A connected channel whose client must send within 10 s and whose handlers must answer in 30 s.
    static func connected() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ReadTimeoutHandler(timeout: .seconds(10), handlingTimeout: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4000)).wait()
        return channel
    }

    static func sendRequest(_ channel: EmbeddedChannel) throws {
        try channel.writeInbound(ReadTimeoutHandlerTests.head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    static func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)
    }

    @Test func handlersThatDoNotAnswerInTimeGet503ForThemAndTheConnectionCloses() throws {
        let channel = try Self.connected()
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        let head = try channel.readOutbound(as: HTTPResponsePart.self)
        guard case .head(let response) = head else {
            Issue.record("no response head")
            return
        }
        #expect(response.headerFields[.retryAfter] == "5")
        #expect(response.headerFields[.connection] == "close")
        try Self.expectRest(of: response, channel)
    }

    /// Checks the body and end of the 503 whose head was already read.
    static func expectRest(of response: HTTPResponse, _ channel: EmbeddedChannel) throws {
        #expect(response.status == .serviceUnavailable)
        #expect(response.headerFields[.contentType] == "application/problem+json")
        guard case .body(let body) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response body")
            return
        }
        let problem = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        #expect(problem?["error"] as? String == "unavailable")
        #expect(problem?["status"] as? Int == 503)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        #expect(!channel.isActive)
    }

    @Test func theHandlersLateAnswerIsDiscarded() throws {
        let channel = try Self.connected()
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        for _ in 0..<3 { _ = try channel.readOutbound(as: HTTPResponsePart.self) }  // the 503
        let late = channel.write(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        channel.flush()
        #expect(throws: ChannelError.self) { try late.wait() }
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func anAnswerStartedInTimeIsNotCut() throws {
        let channel = try Self.connected()
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))  // a body still streaming
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func eachRequestOfAKeptAliveConnectionHasItsOwnDeadline() throws {
        let channel = try Self.connected()
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        try Self.answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))  // idle between requests
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))  // 54 s after the first request
        #expect(channel.isActive)
        try Self.answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
    }

    @Test func aRequestTimeoutShorterThanTheReadTimeoutFiresOnTime() throws {
        let channel = EmbeddedChannel(handler: ReadTimeoutHandler(timeout: .seconds(10), handlingTimeout: .seconds(2)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4000)).wait()
        try Self.sendRequest(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no answer at the request deadline")
            return
        }
        try Self.expectRest(of: response, channel)
    }

    @Test func withoutAHandlingTimeoutHandlersMayTakeAsLongAsTheyNeed() throws {
        var machine = ReadTimeoutStateMachine(timeout: .seconds(10))
        let t0 = NIODeadline.uptimeNanoseconds(0)
        _ = machine.opened(now: t0)
        _ = machine.headRead(now: t0)
        #expect(machine.endRead(now: t0) == .none)
        #expect(machine.timerFired(now: t0 + .hours(1)) == .none)
    }
}
