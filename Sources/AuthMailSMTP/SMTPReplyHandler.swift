import NIOCore

/// Splits the server's bytes into replies and hands each to the one caller waiting for it.
///
/// Lives on the channel's event loop; ``SMTPConnection`` reaches it only through the loop. Every
/// wait has a deadline: when it passes, the wait fails and the connection closes.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Longest reply line accepted (RFC 5321 allows 512 bytes; servers exceed it a little).
    static let maxLineLength = 4096
    /// Most lines in one reply.
    static let maxLines = 256

    private var buffer = ByteBuffer()
    private var pendingLines: [String] = []
    private var replies: [SMTPReply] = []
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var failure: (any Error)?
    private var context: ChannelHandlerContext?

    /// Whether bytes or replies arrived that nobody asked for yet (checked before STARTTLS, so
    /// nothing sent in clear text can pose as a reply inside TLS).
    var hasUnreadInput: Bool { buffer.readableBytes > 0 || !replies.isEmpty || !pendingLines.isEmpty }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// The next reply, or a failure when none arrives within `timeout`.
    func nextReply(on loop: any EventLoop, within timeout: TimeAmount, step: String) -> EventLoopFuture<SMTPReply> {
        if !replies.isEmpty { return loop.makeSucceededFuture(replies.removeFirst()) }
        if let failure { return loop.makeFailedFuture(failure) }
        guard context != nil else { return loop.makeFailedFuture(SMTPFailure.closed(step: step)) }
        precondition(waiter == nil, "one SMTP command at a time")
        let promise = loop.makePromise(of: SMTPReply.self)
        let this = NIOLoopBound(self, eventLoop: loop)
        let timeoutTask = loop.scheduleTask(in: timeout) {
            this.value.fail(SMTPFailure.timedOut(step: step))
        }
        waiter = (promise, timeoutTask)
        return promise.futureResult
    }

    /// Writes `bytes` to the server.
    func write(_ bytes: ByteBuffer) {
        context?.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
            while line.last == UInt8(ascii: "\n") || line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard parse(line) else { return }
        }
        buffer.discardReadBytes()
        if buffer.readableBytes > Self.maxLineLength { fail(SMTPFailure.malformedReply("a reply line is too long")) }
    }

    /// Adds one line to the reply being read; false after a protocol violation.
    private func parse(_ utf8: [UInt8]) -> Bool {
        guard utf8.count >= 3, utf8.count <= Self.maxLineLength, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)),
              (200...599).contains(code), utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-")
        else {
            fail(SMTPFailure.malformedReply("not an SMTP reply"))
            return false
        }
        pendingLines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        guard utf8.count > 3, utf8[3] == UInt8(ascii: "-") else {
            let reply = SMTPReply(code: code, lines: pendingLines)
            pendingLines = []
            if let waiter {
                self.waiter = nil
                waiter.timeout.cancel()
                waiter.promise.succeed(reply)
            } else {
                replies.append(reply)
            }
            return true
        }
        if pendingLines.count > Self.maxLines { fail(SMTPFailure.malformedReply("a reply has too many lines")) }
        return failure == nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPFailure.closed(step: "reading a reply"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
    }

    /// Fails the current and every later wait with `error`, and closes the connection.
    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(error)
        }
        context?.close(promise: nil)
    }
}
