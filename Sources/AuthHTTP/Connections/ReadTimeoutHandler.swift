import HTTPTypes
import Logging
import NIOCore
import NIOHTTPTypes

/// Frees a connection that waited too long, on its client or on its handlers.
///
/// - **A client too slow to send its request**: a head not complete within the read timeout of the
///   connection opening (or of the first bytes of a later request), or a body not complete within
///   the read timeout of its head (dripping bytes does not buy more time). Such a client gets `408` with a problem body, then the connection is
///   closed; a connection that never sent a byte is just closed. This is what stops a slowloris
///   flood: without it a client that sends half a header and then nothing holds a descriptor until
///   Hummingbird's idle timeout, which a client trickling one byte at a time never lets fire.
/// - **Handlers too slow to answer** (the request deadline, `HTTP_REQUEST_TIMEOUT`): a request read
///   whole that has no response head within the handling timeout gets `503 unavailable` with
///   `Retry-After`, then the connection is closed. The handlers' work is not waited for: it goes on
///   in the connection's task until the backend call returns (each of authd's adapters bounds its
///   calls: statement timeout, lease and command timeouts), and what it writes then is discarded.
///
/// The deadline lives here, on the connection's one timer, rather than in a task racing the
/// handlers: that task cost every request a task creation and a thread hop (about a tenth of
/// `GET /me`'s throughput), to serve the rare request whose backend hung.
///
/// The handler sits after the HTTP decoder; it learns that raw bytes arrived from
/// `channelReadComplete`, which the decoder passes on even when the bytes completed no part.
/// The decisions are ``ReadTimeoutStateMachine``'s.
final class ReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var state: ReadTimeoutStateMachine
    private var timer: (task: Scheduled<Void>, deadline: NIODeadline)?
    /// The head of the request being served, for the log line of a deadline answer.
    private var request: HTTPRequest?
    /// Set once this handler answered in the handlers' place: their late response is dropped.
    private var answeredForHandlers = false
    private let logger: Logger

    /// - Parameters:
    ///   - timeout: how long a client may take to send a head, and then its whole body.
    ///   - handlingTimeout: how long handlers may take to start answering a request read whole;
    ///     `nil` for no limit.
    ///   - logger: where a deadline answer is logged (at error level: a backend hung).
    init(timeout: TimeAmount, handlingTimeout: TimeAmount? = nil, logger: Logger = Logger(label: "authd.http")) {
        state = ReadTimeoutStateMachine(timeout: timeout, handlingTimeout: handlingTimeout)
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { apply(state.opened(now: context.eventLoop.now), context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if state.phase == .idle { apply(state.opened(now: context.eventLoop.now), context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
            apply(state.headRead(now: context.eventLoop.now), context)
        case .body: break
        case .end: apply(state.endRead(now: context.eventLoop.now), context)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        apply(state.bytesArrived(now: context.eventLoop.now), context)
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answeredForHandlers else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head: state.responseStarted()
        case .body: break
        case .end: apply(state.responseEnded(), context)
        }
        context.write(data, promise: promise)
    }

    private func apply(_ action: ReadTimeoutStateMachine.Action, _ context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .schedule(let deadline):
            // One timer at a time. A pending timer due no later than `deadline` stays: when it
            // fires it re-arms for the deadline then current. Only an earlier deadline (a request
            // timeout shorter than the read timeout) replaces it.
            if let timer, timer.deadline <= deadline { return }
            timer?.task.cancel()
            let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                self.timer = nil
                self.apply(self.state.timerFired(now: context.eventLoop.now), context)
            }
            timer = (task, deadline)
        case .answerAndClose:
            answer(Self.timeoutHead, Self.timeoutBody, context)
        case .answerUnavailableAndClose:
            logger.error(
                "request deadline passed: answered 503 and closed the connection",
                metadata: [
                    // The path without its query, as the access log writes it: a query may carry a code.
                    "method": "\(request?.method.rawValue ?? "-")",
                    "path": "\(request?.path?.split(separator: "?", maxSplits: 1).first ?? "-")",
                    "request_id": "\(request?.headerFields[RequestIDMiddleware.header].flatMap(RequestIDMiddleware.sanitized) ?? "-")",
                ])
            answer(Self.unavailableHead, Self.unavailableBody, context)
            answeredForHandlers = true
        case .close:
            cancelTimer()
            context.close(promise: nil)
        }
    }

    private func answer(_ head: HTTPResponse, _ body: [UInt8], _ context: ChannelHandlerContext) {
        cancelTimer()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }

    private func cancelTimer() {
        timer?.task.cancel()
        timer = nil
    }

    private static let timeoutBody = [UInt8](
        ProblemMapper.document(
            code: "request_timeout", status: .requestTimeout, detail: "The request was not received in time.",
            title: "Request timeout"))

    private static let timeoutHead = HTTPResponse(
        status: .requestTimeout,
        headerFields: [
            .contentType: "application/problem+json", .contentLength: String(timeoutBody.count), .connection: "close",
        ])
}

extension ReadTimeoutHandler {
    private static let unavailableBody = [UInt8](
        ProblemMapper.document(
            code: "unavailable", status: .serviceUnavailable, detail: "The request took too long; retry shortly."))

    private static let unavailableHead = HTTPResponse(
        status: .serviceUnavailable,
        headerFields: [
            .contentType: "application/problem+json", .contentLength: String(unavailableBody.count),
            .retryAfter: "5", .connection: "close",
        ])
}

@available(*, unavailable)
extension ReadTimeoutHandler: Sendable {}
