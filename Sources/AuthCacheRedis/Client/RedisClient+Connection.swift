import NIOCore
import NIOPosix
import NIOSSL

/// The client's connection, guarded by the client's mutex.
struct ConnectionState {
    enum Phase {
        case idle
        case connecting(EventLoopFuture<any Channel>)
        case ready(any Channel)
        case backingOff(until: NIODeadline)
        case closed
    }
    var phase: Phase = .idle
    /// Whether the last connect failed or the connection was lost (logs once per outage).
    var down = false
}

extension RedisClient {
    private enum Next {
        case use(EventLoopFuture<any Channel>)
        case connect(EventLoopPromise<any Channel>)
        case fail(RedisError)
    }

    /// The open connection, if there is one. No future: a caller off the event loop awaiting an
    /// already-succeeded future would still hop onto the loop and back to learn what it has.
    func readyChannel() -> (any Channel)? {
        state.withLock { state in
            if case .ready(let channel) = state.phase, channel.isActive { channel } else { nil }
        }
    }

    /// The open connection, or a new one; concurrent callers share one connect attempt.
    func connection() -> EventLoopFuture<any Channel> {
        let loop = configuration.eventLoopGroup.next()
        let next = state.withLock { state -> Next in
            switch state.phase {
            case .ready(let channel) where channel.isActive:
                return .use(channel.eventLoop.makeSucceededFuture(channel))
            case .connecting(let future):
                return .use(future)
            case .closed:
                return .fail(.clientClosed)
            case .backingOff(let until) where NIODeadline.now() < until:
                return .fail(.backingOff)
            case .idle, .ready, .backingOff:
                let promise = loop.makePromise(of: (any Channel).self)
                state.phase = .connecting(promise.futureResult)
                return .connect(promise)
            }
        }
        switch next {
        case .use(let future): return future
        case .fail(let error): return loop.makeFailedFuture(error)
        case .connect(let promise):
            open(on: loop).whenComplete { result in
                self.finishConnect(result, attempt: promise.futureResult)
                promise.completeWith(result)
            }
            return promise.futureResult
        }
    }

    /// Records the outcome of a connect attempt, logging once per outage.
    private func finishConnect(_ result: Result<any Channel, any Error>, attempt: EventLoopFuture<any Channel>) {
        let backoff = TimeAmount(configuration.reconnectBackoff)
        let (wasDown, closed) = state.withLock { state -> (Bool, Bool) in
            guard case .connecting(let current) = state.phase, current === attempt else {
                return (state.down, true)  // close() ran meanwhile
            }
            let wasDown = state.down
            switch result {
            case .success(let channel):
                state.phase = .ready(channel)
                state.down = false
            case .failure:
                state.phase = .backingOff(until: .now() + backoff)
                state.down = true
            }
            return (wasDown, false)
        }
        switch result {
        case .success(let channel):
            if closed { channel.close(promise: nil); return }
            if wasDown { logger.notice("redis reachable again", metadata: ["redis": "\(endpoint)"]) }
            channel.closeFuture.whenComplete { [weak self] _ in self?.connectionClosed(channel) }
        case .failure(let error):
            if !wasDown, !closed {
                logger.warning(
                    "redis unavailable", metadata: ["redis": "\(endpoint)", "error": "\(RedisError.transport(error))"])
            }
        }
    }

    /// Forgets a closed connection so the next command reconnects.
    private func connectionClosed(_ channel: any Channel) {
        let wasCurrent = state.withLock { state -> Bool in
            guard case .ready(let current) = state.phase, current === channel else { return false }
            state.phase = .idle
            return true
        }
        if wasCurrent { logger.warning("redis connection lost; the next command reconnects", metadata: ["redis": "\(endpoint)"]) }
    }

    /// Connects, adds TLS and the protocol handler, then authenticates and selects the database.
    private func open(on loop: any EventLoop) -> EventLoopFuture<any Channel> {
        let endpoint = self.endpoint
        let sslContext = self.sslContext
        let timeout = TimeAmount(configuration.commandTimeout)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        // SNI carries host names only; certificates of IP endpoints are checked against the IP.
                        let isIP = (try? SocketAddress(ipAddress: endpoint.host, port: 0)) != nil
                        let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: isIP ? nil : endpoint.host)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(timeout: timeout))
                }
            }
        return bootstrap.connect(host: endpoint.host, port: endpoint.port).flatMap { channel in
            self.handshake(on: channel).map { channel }.flatMapErrorThrowing { error in
                channel.close(promise: nil)
                throw error
            }
        }
    }

    /// `AUTH` and `SELECT`, pipelined; or a `PING`, so a connection is only ready once proven.
    private func handshake(on channel: any Channel) -> EventLoopFuture<Void> {
        var wanted: [[String]] = []
        if let password = endpoint.password {
            wanted.append(["AUTH"] + (endpoint.username.map { [$0] } ?? []) + [password])
        }
        if endpoint.database != 0 { wanted.append(["SELECT", String(endpoint.database)]) }
        if wanted.isEmpty { wanted.append(["PING"]) }
        let commands = wanted
        let replies: [EventLoopFuture<RedisValue>]
        do {
            replies = try commands.map { command in
                Self.write(try RedisCommandEncoder.encode(command.map { Array($0.utf8) }), on: channel)
            }
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return EventLoopFuture.whenAllSucceed(replies, on: channel.eventLoop).flatMapThrowing { values in
            for (command, value) in zip(commands, values) {
                // The server's text (e.g. WRONGPASS ...) never echoes the password.
                if case .error(let message) = value { throw RedisError.server("\(command[0]): \(message)") }
            }
        }
    }

    /// Closes the connection; later commands throw `AuthError(.unavailable)`. Call at shutdown.
    public func close() async {
        let channel = state.withLock { state -> (any Channel)? in
            defer { state.phase = .closed }
            if case .ready(let channel) = state.phase { return channel }
            return nil
        }
        try? await channel?.close()
    }
}
