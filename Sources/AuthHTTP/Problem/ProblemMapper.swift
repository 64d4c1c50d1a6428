import AuthCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The one place where errors become HTTP responses.
///
/// `AuthError` codes map to fixed statuses; the body is ``ProblemDetails``. Hummingbird's own
/// `HTTPError`s (unknown route, wrong method) keep their status. Anything else is logged (with the
/// request id the logger carries) and answered with a generic 500 that reveals nothing.
public enum ProblemMapper {
    /// The status an `AuthError` code is answered with (400 for a code this table does not know).
    public static func status(for code: AuthError.Code) -> HTTPResponse.Status {
        catalogue[code]?.status ?? .badRequest
    }

    /// The human text for `code` when an error carries no public detail (the pages show it).
    public static func message(for code: AuthError.Code) -> String {
        catalogue[code]?.message ?? "The request is malformed."
    }

    /// The response for `error`.
    /// - Parameter logger: where unexpected errors (and the underlying cause of 5xx) are logged.
    public static func response(for error: any Error, logger: Logger) -> Response {
        switch error {
        case let limited as RateLimitExceeded:
            var response = render(.rateLimited, detail: nil)
            RateLimitHeaders.apply(limited.decision, to: &response.headers)
            response.headers[.retryAfter] = String(limited.decision.resetAfterSeconds)
            return response
        case let auth as AuthError:
            if auth.code == .overloaded {
                // Expected under a storm, one per refused request, and counted by
                // `authd_hashing_refusals_total`: at error level a storm of sign-ins became a
                // storm of log lines, with the memory and I/O to write them.
                logger.debug("request refused: hashing queue full")
            } else if status(for: auth.code).code >= 500 {
                logger.error(
                    "request failed", metadata: ["error": "\(auth)", "underlying": "\(auth.underlying.map { "\($0)" } ?? "-")"])
            }
            var response = render(auth.code, detail: auth.publicDetail)
            switch auth.code {
            case .rateLimited:
                let seconds = max(1, Int((auth.retryAfter ?? .seconds(60)).timeInterval.rounded(.up)))
                response.headers[.retryAfter] = String(seconds)
            case .overloaded: response.headers[.retryAfter] = "1"
            case .unavailable: response.headers[.retryAfter] = "5"
            case .unauthorized: response.headers[.wwwAuthenticate] = "Bearer"
            case .invalidClient: response.headers[.wwwAuthenticate] = "Basic realm=\"oauth2\""
            default: break
            }
            return response
        case let http as HTTPError:
            let code = http.status == .notFound ? "not_found" : http.status == .contentTooLarge ? "payload_too_large" : "invalid_request"
            return render(code: code, status: http.status, detail: http.status.reasonPhrase)
        default:
            logger.error(
                "unexpected error", metadata: ["type": "\(String(reflecting: type(of: error)))", "error": "\(error)"])
            return render(.internal, detail: nil)
        }
    }

    /// A problem response for `code`; `detail` falls back to the code's generic message.
    static func render(_ code: AuthError.Code, detail: String?) -> Response {
        // Unauthorized is always the generic text: a token failure never says why.
        let text = code == .unauthorized || code == .internal ? genericMessage(code) : (detail ?? genericMessage(code))
        return render(code: code.rawValue, status: status(for: code), detail: text, title: title(code))
    }

    static func render(code: String, status: HTTPResponse.Status, detail: String, title: String? = nil) -> Response {
        let data = document(code: code, status: status, detail: detail, title: title)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The JSON of a problem document; also used for answers written below the router (the 408 of
    /// a connection's read timeout), so every problem body has one shape.
    static func document(code: String, status: HTTPResponse.Status, detail: String, title: String? = nil) -> Data {
        let body = ProblemDetails(code: code, title: title ?? status.reasonPhrase, status: status.code, detail: detail)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data()
    }
}
