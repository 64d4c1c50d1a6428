import HTTPTypes
import Hummingbird
import Metrics
import Synchronization

/// Counts every request and times it, through swift-metrics (whatever backend the host
/// bootstrapped; none means the calls cost nothing):
///
/// - `authd_http_requests_total{route, method, status}`: requests answered;
/// - `authd_http_request_duration_seconds{route, method}`: time to the response head.
///
/// Labels are bounded: `route` is the router's template (`/api/v1/auth/mfa/totp/:id`, never the
/// raw path), `unmatched` for a path no route serves; `method` is one of the standard methods or
/// `other`; `status` is the numeric code.
package struct HTTPMetricsMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    /// The route label of a request no route matched (404, 405 and the like).
    package static let unmatchedRoute = "unmatched"
    static let knownMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options, .trace, .connect]

    private let instruments = Instruments()

    /// Creates the middleware.
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        record(request, response, route: context.endpointPath, since: start)
        return response
    }

    /// Counts `response` to `request` and records the time since `start`; `route` is the matched
    /// route's template, `nil` when none matched.
    func record(_ request: Request, _ response: Response, route: String?, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let method = Self.knownMethods.contains(request.method) ? request.method.rawValue : "other"
        let (count, time) = instruments.for(route: route ?? Self.unmatchedRoute, method: method, status: response.status.code)
        count.increment()
        time.record(duration: elapsed)
    }
}

extension HTTPMetricsMiddleware {
    /// The counter and timer of each route, method and status, made on first use: making them for
    /// every request cost two objects, two label arrays and a registry lookup in the metrics
    /// backend each time (the hot path: docs/benchmarks.md). Bounded, as the labels are.
    final class Instruments: Sendable {
        private struct Key: Hashable {
            let route: String
            let method: String
            let status: Int
        }

        private let made = Mutex<[Key: (Counter, Metrics.Timer)]>([:])

        func `for`(route: String, method: String, status: Int) -> (Counter, Metrics.Timer) {
            let key = Key(route: route, method: method, status: status)
            return made.withLock { made in
                if let known = made[key] { return known }
                let instruments = (
                    Counter(
                        label: "authd_http_requests_total",
                        dimensions: [("route", route), ("method", method), ("status", String(status))]),
                    Metrics.Timer(label: "authd_http_request_duration_seconds", dimensions: [("route", route), ("method", method)])
                )
                made[key] = instruments
                return instruments
            }
        }
    }
}
