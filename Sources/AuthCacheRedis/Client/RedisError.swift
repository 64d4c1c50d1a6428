import AuthCore
import NIOCore

/// What went wrong talking to Redis. Callers of the public API see it only as the `underlying`
/// error of an `AuthError(.unavailable)`; ``AuthError/redis(_:)`` is the one place that maps it.
///
/// Descriptions never contain passwords or the values that were sent.
public enum RedisError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Could not connect, or the connection broke; the next command reconnects.
    case connectionFailed(String)
    /// No reply within the command timeout; the connection was dropped.
    case timeout
    /// A recent connect failed and the client waits a moment before trying again.
    case backingOff
    /// The server answered with an error reply (its text is the server's, e.g. `WRONGPASS ...`).
    case server(String)
    /// The bytes from the server were not valid RESP, or a reply came with no request waiting.
    case protocolError(String)
    /// A reply did not have the shape the command promises.
    case unexpectedReply(String)
    /// The client was closed with ``RedisClient/close()``.
    case clientClosed

    public var description: String {
        switch self {
        case .connectionFailed(let why): "redis: connection failed: \(why)"
        case .timeout: "redis: command timed out"
        case .backingOff: "redis: unavailable (a recent connect failed; retrying shortly)"
        case .server(let message): "redis: server error: \(message)"
        case .protocolError(let why): "redis: protocol error: \(why)"
        case .unexpectedReply(let what): "redis: unexpected reply: \(what)"
        case .clientClosed: "redis: client closed"
        }
    }

    /// Wraps a transport error (NIO, NIOSSL, a refused connection) without its full dump.
    static func transport(_ error: any Error) -> RedisError {
        if let redis = error as? RedisError { return redis }
        return .connectionFailed(String(describing: error))
    }
}

extension AuthError {
    /// Maps any failure of the Redis adapter to `AuthError(.unavailable)`, keeping the cause.
    ///
    /// Every Redis failure means the same to a caller: the cache, limiter or state store cannot be
    /// used right now (fall back, or answer 503); the cause is kept for logs only.
    static func redis(_ error: any Error) -> AuthError {
        if let auth = error as? AuthError { return auth }
        return AuthError(.unavailable, underlying: RedisError.transport(error))
    }
}
