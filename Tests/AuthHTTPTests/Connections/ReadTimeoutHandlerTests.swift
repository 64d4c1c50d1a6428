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

    /// Expects the 408 problem answer, then a closed channel.
    static func expectTimeoutAnswer(_ channel: EmbeddedChannel, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard case .head(let response) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head", sourceLocation: sourceLocation)
            return
        }
        #expect(response.status == .requestTimeout, sourceLocation: sourceLocation)
        #expect(response.headerFields[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.headerFields[.connection] == "close", sourceLocation: sourceLocation)
        guard case .body(let body) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response body", sourceLocation: sourceLocation)
            return
        }
        let problem = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        #expect(problem?["error"] as? String == "request_timeout", sourceLocation: sourceLocation)
        #expect(problem?["status"] as? Int == 408, sourceLocation: sourceLocation)
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

    @Test func aBodyThatKeepsProgressingIsNotCutButOneThatStallsIs() throws {
        let channel = try Self.connected()
        try channel.writeInbound(Self.head)
        for _ in 0..<3 {
            channel.embeddedEventLoop.advanceTime(by: .seconds(9))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{")))
        }
        #expect(channel.isActive)  // 27 s in, but never 10 s without progress
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        try Self.expectTimeoutAnswer(channel)
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
        _ = machine.endRead()
        _ = machine.headRead(now: t0 + .seconds(1))  // the second request arrived with the first
        #expect(machine.responseEnded() == .none)  // the first answer does not end the second's read
        #expect(machine.timerFired(now: t0 + .seconds(11)) == .answerAndClose)
    }
}
