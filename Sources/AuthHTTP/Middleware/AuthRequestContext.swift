import AuthCore
import Hummingbird
import NIOCore

/// The per-request context of the auth API: the socket peer, the derived client metadata, the
/// request id and, on authenticated routes, the proven identity.
public struct AuthRequestContext: RequestContext, RemoteAddressRequestContext, Sendable {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer, or `nil` when there is none (router tests).
    public let remoteAddress: SocketAddress?
    /// The request id (from a sane `X-Request-Id`, else generated), set by ``RequestIDMiddleware``.
    public var requestID: String = ""
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
    // retain per copy instead of one for each of their strings and arrays (the hot path, issue 22).
    private var clientBox: Box<ClientContext>?
    private var authenticatedBox: Box<Authenticated>?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are collected (and limited) by ``BodyLimitMiddleware``; this is only a backstop.
    public var maxUploadSize: Int { BodyLimitMiddleware.defaultLimit }

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
