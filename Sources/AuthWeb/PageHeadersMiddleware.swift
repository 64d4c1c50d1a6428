import AuthHTTP
import HTTPTypes
import Hummingbird

/// The headers every page and asset carries: a strict Content-Security-Policy (only our own
/// script and style files, no inline code, no framing, forms post only to us), `X-Frame-Options`
/// for browsers without `frame-ancestors`, no MIME sniffing, no referrer to other sites, and no
/// caching of pages (they show sessions and codes).
struct PageHeadersMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
        + "form-action 'self'; base-uri 'none'; object-src 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
