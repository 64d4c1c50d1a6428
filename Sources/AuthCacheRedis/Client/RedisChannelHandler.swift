import NIOCore

/// One encoded command on its way to the server, with the promise its reply completes.
struct RedisRequest: Sendable {
    var bytes: ByteBuffer
    var promise: EventLoopPromise<RedisValue>
}

/// Pipelines commands on one connection: requests are written as they come, their promises queue
/// in order, and replies (parsed by hiredis) complete them first in, first out.
///
/// A command without a reply within `timeout` fails every waiting request and closes the channel:
/// a late reply would otherwise be matched with the wrong request. When the channel closes or
/// fails, every waiting request fails, so no caller ever hangs. Lives on its channel's event loop.
///
/// The timeout is kept by one timer per connection, not one per command: replies come in order
/// and every command gets the same timeout, so the oldest waiting command is always the next due.
/// The timer is armed for it; when it fires it fails the connection if that command is still
/// waiting, or re-arms for the command then oldest. Scheduling and cancelling a timer per command
/// cost the event loop a locked heap insertion and a linear search to remove it (docs/benchmarks.md).
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        var promise: EventLoopPromise<RedisValue>
        var deadline: NIODeadline
    }

    private let reader = HiredisReader()
    private var waiting = CircularBuffer<Waiting>()
    private let timeout: TimeAmount
    /// Armed while commands wait, for the oldest one's deadline or earlier.
    private var timer: Scheduled<Void>?
    private var failure: RedisError?

    /// Creates a handler whose commands time out after `timeout`.
    init(timeout: TimeAmount) { self.timeout = timeout }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        let deadline = NIODeadline.now() + timeout
        waiting.append(Waiting(promise: request.promise, deadline: deadline))
        if timer == nil { arm(for: deadline, context: context) }
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    private func arm(for deadline: NIODeadline, context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] () -> Void in
            guard let self else { return }
            self.timer = nil
            guard let oldest = self.waiting.first else { return }
            if oldest.deadline <= .now() {
                self.fail(.timeout, context: context)
            } else {
                self.arm(for: oldest.deadline, context: context)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        do {
            try buffer.withUnsafeReadableBytes { try reader.feed($0) }
            while let reply = try reader.next() {
                guard let head = waiting.popFirst() else {
                    throw RedisError.protocolError("reply without a request")
                }
                head.promise.succeed(reply)
            }
        } catch {
            fail(RedisError.transport(error), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failWaiting(failure ?? .connectionFailed("connection closed"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(RedisError.transport(error), context: context)
    }

    /// Fails every waiting request with `error` and closes the channel; later writes fail at once.
    private func fail(_ error: RedisError, context: ChannelHandlerContext) {
        if failure == nil { failure = error }
        failWaiting(error)
        context.close(promise: nil)
    }

    private func failWaiting(_ error: RedisError) {
        if failure == nil { failure = error }
        timer?.cancel()
        timer = nil
        while let head = waiting.popFirst() {
            head.promise.fail(error)
        }
    }
}
