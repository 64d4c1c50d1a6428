import AuthCore
import HTTPTypes
import Hummingbird

/// Works out who is calling and stores it in ``AuthRequestContext/client``: the client IP (see
/// ``ClientIPResolver``), the raw User-Agent truncated to 512 bytes, and a client name from a sane
/// `X-Client` header (`web`, `ios`, …) or else a short name parsed from the User-Agent.
package struct ClientMetadataMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    static let xClient = HTTPField.Name("X-Client")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwarded = HTTPField.Name("Forwarded")!
    /// The longest raw User-Agent kept.
    static let maximumUserAgentLength = 512

    let resolver: ClientIPResolver

    /// Creates the middleware.
    package init(resolver: ClientIPResolver) { self.resolver = resolver }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.client = client(for: request, context: context)
        return try await next(request, context)
    }

    /// The metadata of `request`, arriving on the connection of `context`.
    func client(for request: Request, context: Context) -> ClientContext {
        client(for: request, peer: context.remoteAddress.flatMap(IPAddress.init(socketAddress:)))
    }

    /// The metadata of `request` arriving from `peer`.
    func client(for request: Request, peer: IPAddress?) -> ClientContext {
        let ip = resolver.resolve(
            peerAddress: peer, forwardedFor: request.headers[values: Self.xForwardedFor],
            forwarded: request.headers[values: Self.forwarded])
        let userAgent = Self.truncated(request.headers[.userAgent] ?? "", bytes: Self.maximumUserAgentLength)
        let name = request.headers[Self.xClient].flatMap(Self.sanitizedClient) ?? UserAgentName.shortName(userAgent)
        return ClientContext(ip: ip, userAgent: userAgent, clientName: name)
    }

    /// `raw` when it is 1 to 64 characters of letters, digits, space and `._-/()`; else `nil`.
    static func sanitizedClient(_ raw: String) -> String? {
        let trimmed = raw.trimmingWhitespace
        guard (1...64).contains(trimmed.utf8.count) else { return nil }
        let ok = trimmed.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || " ._-/()".unicodeScalars.contains(s))
        }
        return ok ? trimmed : nil
    }

    /// The longest prefix of `s` that fits in `bytes` UTF-8 bytes, cut on a character boundary.
    static func truncated(_ s: String, bytes: Int) -> String {
        guard s.utf8.count > bytes else { return s }
        var out = ""
        for c in s {
            guard out.utf8.count + c.utf8.count <= bytes else { break }
            out.append(c)
        }
        return out
    }
}
