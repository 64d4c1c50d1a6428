import AuthCore
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// A Redis client: one pipelined connection, opened on first use and reopened after any failure.
///
/// Bytes travel over SwiftNIO (with swift-nio-ssl for `rediss://`); hiredis encodes commands and
/// parses replies. No call blocks an event loop or the caller's thread: the socket is non-blocking
/// NIO, and hiredis only formats and parses memory.
///
/// Concurrent commands share the connection and are pipelined; replies are matched in order.
/// When Redis is down, commands throw `AuthError(.unavailable)` within the connect timeout (or at
/// once during the short reconnect backoff); when it is back, the next command reconnects. There is
/// no background task; ``close()`` ends the connection, which running the client as a `Service`
/// (``run()``) does on graceful shutdown.
public final class RedisClient: Sendable {
    /// Where this client connects (its description hides the password).
    public let endpoint: RedisEndpoint
    let configuration: Configuration
    let logger: Logger
    let sslContext: NIOSSLContext?
    let state = Mutex(ConnectionState())

    /// Creates a client for `url`; it connects on the first command.
    /// - Parameters:
    ///   - url: a `redis://` or `rediss://` URL (see ``RedisEndpoint``).
    ///   - configuration: timeouts, TLS trust, event loops.
    ///   - logger: receives connection-lost and reconnected messages (never the password).
    /// - Throws: `AuthError(.invalidRequest)` for a malformed URL or an unreadable CA file.
    public convenience init(
        url: String, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "auth.redis")
    ) throws {
        try self.init(endpoint: RedisEndpoint(url: url), configuration: configuration, logger: logger)
    }

    /// Creates a client for `endpoint`; it connects on the first command.
    /// - Throws: `AuthError(.invalidRequest)` when the CA file cannot be read.
    public init(endpoint: RedisEndpoint, configuration: Configuration = Configuration(), logger: Logger) throws {
        self.endpoint = endpoint
        self.configuration = configuration
        self.logger = logger
        if endpoint.useTLS {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile = configuration.tlsCAFile ?? endpoint.tlsCAFile {
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw AuthError(.invalidRequest, "cannot read the Redis TLS CA file \(caFile)", underlying: error)
                }
            }
            do { sslContext = try NIOSSLContext(configuration: tls) } catch {
                throw AuthError(.invalidRequest, "cannot set up TLS for Redis", underlying: error)
            }
        } else {
            sslContext = nil
        }
    }

    deinit {
        // A client dropped without close() must not leave its socket open.
        if case .ready(let channel) = state.withLock({ $0.phase }) { channel.close(promise: nil) }
    }

    /// Sends one command and returns its reply.
    /// - Parameter arguments: the command name, then its arguments, as bytes.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached, times out, or answers with
    ///   an error reply (the cause is the error's `underlying` ``RedisError``).
    public func send(_ arguments: [[UInt8]]) async throws -> RedisValue {
        let reply = try await execute(arguments)
        if case .error(let message) = reply { throw AuthError.redis(RedisError.server(message)) }
        return reply
    }

    /// Sends one command given as text arguments, e.g. `send("GET", key)`.
    /// - Throws: as ``send(_:)-([[UInt8]])``.
    public func send(_ arguments: String...) async throws -> RedisValue {
        try await send(arguments.map { Array($0.utf8) })
    }

    /// Checks that Redis answers (for readiness probes): connects if needed and sends `PING`.
    /// - Throws: `AuthError(.unavailable)` when it does not answer `PONG` in time.
    public func ping() async throws {
        let reply = try await send("PING")
        guard reply.string == "PONG" else { throw AuthError.redis(RedisError.unexpectedReply("PING")) }
    }

    /// Sends one command; error replies come back as ``RedisValue/error(_:)`` rather than thrown.
    /// - Throws: `AuthError(.unavailable)` for transport failures and timeouts.
    func execute(_ arguments: [[UInt8]]) async throws -> RedisValue {
        do {
            let bytes = try RedisCommandEncoder.encode(arguments)
            let channel = if let ready = readyChannel() { ready } else { try await connection().get() }
            return try await Self.send(bytes, on: channel)
        } catch {
            throw AuthError.redis(error)
        }
    }

    /// Queues `bytes` on `channel` and waits for the reply.
    ///
    /// The write and the wait for its reply are set up in one task on the channel's event loop: a
    /// write from another thread goes there anyway, and awaiting the reply's future apart (its
    /// `get()`) cost a second trip there to register the callback.
    static func send(_ bytes: ByteBuffer, on channel: any Channel) async throws -> RedisValue {
        try await withUnsafeThrowingContinuation { continuation in
            channel.eventLoop.execute {
                write(bytes, on: channel).whenComplete { continuation.resume(with: $0) }
            }
        }
    }

    /// Queues `bytes` on `channel`; the future completes with the reply.
    static func write(_ bytes: ByteBuffer, on channel: any Channel) -> EventLoopFuture<RedisValue> {
        let promise = channel.eventLoop.makePromise(of: RedisValue.self)
        // A write that never reaches the handler (channel already closed) must still fail the request.
        channel.writeAndFlush(RedisRequest(bytes: bytes, promise: promise)).whenFailure { error in
            promise.fail(RedisError.transport(error))
        }
        return promise.futureResult
    }
}

extension RedisClient: ReadinessProbe {
    /// `redis`.
    public var name: String { "redis" }

    /// Not required: while Redis is down the limiter counts per process and the session cache
    /// reads through to the store, so `/readyz` reports it as degraded rather than not ready.
    /// What has no fallback (pending OAuth sign-ins) fails with 503 until Redis is back.
    public var isRequired: Bool { false }

    /// A `PING` (see ``ping()``).
    public func check() async throws { try await ping() }
}
