import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an SMTP server: send a command, await its reply, upgrade to TLS.
///
/// A thin async shell over ``SMTPReplyHandler``, which it only touches on the channel's event loop.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>

    /// Connects to `host:port`, with TLS from the first byte when `tls` is given.
    static func connect(
        host: String, port: Int, tls: NIOSSLContext?, serverHostname: String?,
        group: any EventLoopGroup, timeout: Duration
    ) async throws -> SMTPConnection {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(timeout.nanoseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
            .connect(host: host, port: port).get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return SMTPConnection(channel: channel, handler: handler)
    }

    /// Awaits the next reply (such as the greeting) without sending anything.
    func reply(to step: String, within timeout: Duration) async throws -> SMTPReply {
        let handler = handler, loop = channel.eventLoop
        return try await loop.flatSubmit {
            handler.value.nextReply(on: loop, within: .nanoseconds(timeout.nanoseconds), step: step)
        }.get()
    }

    /// Sends `line` (CRLF is added) and awaits the reply.
    /// - Parameter step: names the command in errors; `line` itself may hold a secret and is never
    ///   put in an error or a log.
    func command(_ line: String, step: String, within timeout: Duration) async throws -> SMTPReply {
        try await send(ByteBuffer(string: line + "\r\n"), step: step, within: timeout)
    }

    /// Sends raw `bytes` and awaits the reply.
    func send(_ bytes: ByteBuffer, step: String, within timeout: Duration) async throws -> SMTPReply {
        let handler = handler, loop = channel.eventLoop
        return try await loop.flatSubmit {
            handler.value.write(bytes)
            return handler.value.nextReply(on: loop, within: .nanoseconds(timeout.nanoseconds), step: step)
        }.get()
    }

    /// Puts TLS under the conversation, after the server's `220` to STARTTLS. The handshake runs
    /// when the next command is written; its failure fails that command.
    /// - Throws: when the server sent anything beyond its `220` in clear text (an injection attempt).
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let handler = handler, channel = channel
        try await channel.eventLoop.submit {
            guard !handler.value.hasUnreadInput else {
                throw SMTPFailure.malformedReply("data after the STARTTLS reply, before TLS")
            }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }
}
