import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Frees the connection of a client that is too slow to send its request: a head not complete
/// within the timeout of the connection opening (or of the first bytes of a later request), or a
/// body that makes no progress for as long. Such a client gets `408` with a problem body, then the
/// connection is closed; a connection that never sent a byte is just closed.
///
/// This is what stops a slowloris flood: without it a client that sends half a header and then
/// nothing holds a descriptor until Hummingbird's idle timeout, which a client trickling one byte at
/// a time never lets fire. The handler sits after the HTTP decoder; it learns that raw bytes arrived
/// from `channelReadComplete`, which the decoder passes on even when the bytes completed no part.
/// The decisions are ``ReadTimeoutStateMachine``'s.
final class ReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var state: ReadTimeoutStateMachine
    private var timer: Scheduled<Void>?

    /// - Parameter timeout: how long a client may take to send a head, or between body parts.
    init(timeout: TimeAmount) {
        state = ReadTimeoutStateMachine(timeout: timeout)
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
        case .head: apply(state.headRead(now: context.eventLoop.now), context)
        case .body: state.bodyRead(now: context.eventLoop.now)
        case .end: apply(state.endRead(), context)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        apply(state.bytesArrived(now: context.eventLoop.now), context)
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
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
            // One timer at a time: deadlines only move later while one is pending, and a timer
            // that fires early re-arms itself for the current deadline.
            guard timer == nil else { return }
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                self.timer = nil
                self.apply(self.state.timerFired(now: context.eventLoop.now), context)
            }
        case .cancel:
            cancelTimer()
        case .answerAndClose:
            cancelTimer()
            context.write(wrapOutboundOut(.head(Self.timeoutHead)), promise: nil)
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: Self.timeoutBody))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.close(promise: nil)
        case .close:
            cancelTimer()
            context.close(promise: nil)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
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

@available(*, unavailable)
extension ReadTimeoutHandler: Sendable {}
