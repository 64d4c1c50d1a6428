import AuthCore
import AuthHTTP
import HTTPTypes
import Hummingbird
import Logging

/// Answers a page's failure with an HTML page instead of problem+json: the status
/// ``ProblemMapper`` gives the error (so a bad form is 400, a foreign form 403, a flood 429 and
/// only a real fault 500), a short message that never says more than the JSON API would, and for
/// a visitor who is not signed in, a redirect to the sign-in page. The page script's own calls
/// (JSON, with `X-CSRF-Token`) get the problem+json body instead.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext
    let renderer: PageRenderer
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AuthError where error.code == .unauthorized && request.method == .get {
            return PageRenderer.redirect("/ui/sign-in?next=\(WebPages.percentEncoded(request.uri.path))")
        } catch {
            let problem = ProblemMapper.response(for: error, logger: logger)
            // The page script's calls (passkeys) read problem+json, as the JSON API answers it.
            if request.headers[CSRFGuard.header] != nil || request.headers[.contentType]?.hasPrefix("application/json") == true {
                return problem
            }
            var message = "Something went wrong on our side. Try again in a moment."
            if let auth = error as? AuthError, problem.status.code < 500 {
                message = auth.publicDetail ?? ProblemMapper.message(for: auth.code)
            } else if problem.status == .tooManyRequests {
                message = "Too many attempts. Wait a minute and try again."
            } else if problem.status.code < 500 {
                message = problem.status.reasonPhrase
            }
            var headers = HTTPFields()
            headers[.retryAfter] = problem.headers[.retryAfter]
            let context: [String: Any] = [
                "title": problem.status.reasonPhrase, "heading": "\(problem.status.code) \(problem.status.reasonPhrase)",
                "message": message, "back": request.uri.path.hasPrefix("/admin") ? "/admin/" : "/ui/", "main_class": "narrow",
            ]
            return renderer.response("error", context, status: problem.status, headers: headers)
        }
    }
}
