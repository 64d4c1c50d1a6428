import AuthCore
import Hummingbird
import Logging
import NIOCore

/// The per-request context of the auth API: the socket peer, the derived client metadata, the
/// request id and, on authenticated routes, the proven identity.
public struct AuthRequestContext: RequestContext, RemoteAddressRequestContext, Sendable {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer, or `nil` when there is none (router tests).
    public let remoteAddress: SocketAddress?
    /// The request id (from a sane `X-Request-Id`, else generated), set by ``RequestIDMiddleware``.
    public var requestID: String = ""
    /// The request's logger: the server's (with Hummingbird's `hb.request.id`) and, once
    /// ``RequestIDMiddleware`` has run, `request_id`. Handlers, middleware and Hummingbird itself
    /// all log through this.
    ///
    /// The id is added when the logger is asked for, which on the hot path is seldom (an error, or
    /// the access log when it is on): setting it on every request copied the logger's storage,
    /// its handler and its metadata, a measurable share of `GET /me` (docs/benchmarks.md).
    public var logger: Logger {
        get {
            guard !requestID.isEmpty else { return baseLogger }
            var logger = baseLogger
            logger[metadataKey: "request_id"] = .string(requestID)
            return logger
        }
        set { baseLogger = newValue }
    }
    /// Who is calling (IP, user agent, client name), set by ``ClientMetadataMiddleware``.
    public var client: ClientContext {
        get { clientBox?.value ?? ClientContext() }
        set { clientBox = Box(newValue) }
    }
    /// The session and user behind the bearer token, set by ``BearerAuthMiddleware``.
    public var authenticated: Authenticated? {
        get { authenticatedBox?.value }
        set { authenticatedBox = newValue.map(Box.init) }
    }

    // The context is copied at each middleware that sets something; boxed, these two cost one
    // retain per copy instead of one for each of their strings and arrays (the hot path: docs/benchmarks.md).
    private var clientBox: Box<ClientContext>?
    private var authenticatedBox: Box<Authenticated>?
    /// ``logger`` without the request id. Kept here because Hummingbird's copy in `coreContext` is
    /// internal to it; this property is what every reader of the context's logger sees.
    private var baseLogger: Logger

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.baseLogger = source.logger
    }

    /// Whether ``logger`` writes messages of `level`, asked without building it.
    public func logs(at level: Logger.Level) -> Bool { baseLogger.logLevel <= level }

    /// Bodies are collected (and limited) by ``BodyLimitMiddleware``; this is only a backstop.
    public var maxUploadSize: Int { BodyLimitMiddleware.defaultLimit }

    /// The path parameter `name` of the matched route (`:id` in `sessions/:id`).
    ///
    /// Hummingbird's `parameters.require` throws its own `HTTPError`, which the router answers
    /// itself, outside the problem mapping of every other error; this one throws an ``AuthError``.
    /// - Throws: `AuthError(.notFound)` when the route has no such parameter.
    public func pathParameter(_ name: String) throws -> String {
        guard let value = coreContext.parameters.get(name) else { throw AuthError(.notFound, "no such resource") }
        return value
    }

    /// The authenticated identity.
    /// - Throws: `AuthError.unauthorized` when the route was reached without authentication.
    public func requireAuthenticated() throws -> Authenticated {
        guard let authenticated else { throw AuthError.unauthorized }
        return authenticated
    }
}

/// An immutable value behind one reference.
private final class Box<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
