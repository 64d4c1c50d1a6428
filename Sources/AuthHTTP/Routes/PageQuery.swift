import AuthCore
import Hummingbird
import HTTPTypes

/// The `?cursor=&limit=` of a paged list, and the `Link` header that points at the next page
/// (docs/api.md, "Paged lists").
enum PageQuery {
    static let link = HTTPField.Name("Link")!

    /// The `cursor` parameter; absent or empty is the first page.
    static func cursor(_ request: Request) -> String? {
        request.uri.queryParameters["cursor"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `limit` parameter; absent is the list's default.
    /// - Throws: `invalid_request` when it is not a whole number, empty included (the flow checks
    ///   its range).
    static func limit(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters["limit"] else { return nil }
        guard let value = Int(text) else { throw AuthError.invalidRequest("limit must be a whole number") }
        return value
    }

    /// `Link: <path?cursor=…&limit=…>; rel="next"` on `response` when a next page exists.
    static func linkNext(_ next: String?, of request: Request, limit: Int?, on response: inout Response) {
        guard let next else { return }
        // The cursor is hex digits, dots and a UUID: nothing to escape.
        let query = "cursor=\(next)" + (limit.map { "&limit=\($0)" } ?? "")
        response.headers[link] = "<\(request.uri.path)?\(query)>; rel=\"next\""
    }
}
