import AuthCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Gives every request an id: a sane incoming `X-Request-Id` is kept (so a proxy's id follows the
/// request through the logs), otherwise a fresh one is made. The id goes into the logger's metadata
/// as `request_id` (``AuthRequestContext/logger``), is echoed in the response, and one access-log
/// line is written per request at `info`.
package struct RequestIDMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    /// The header carrying the id.
    package static let header = HTTPField.Name("X-Request-Id")!

    /// Creates the middleware.
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.requestID = Self.id(for: request)
        var response = try await next(request, context)
        Self.finish(&response, to: request, context: context)
        return response
    }

    /// The id of `request`: its own `X-Request-Id` when sane, else a fresh one.
    static func id(for request: Request) -> String {
        request.headers.single(header).flatMap(sanitized) ?? generate()
    }

    /// Echoes the id of `context` in `response` and writes the access-log line (at `info`).
    static func finish(_ response: inout Response, to request: Request, context: Context) {
        response.headers.set(HTTPField(name: header, value: context.requestID))
        guard context.logs(at: .info) else { return }
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code), "ip": .string(context.client.ipText),
            ])
    }

    /// `raw` when it is 1 to 128 characters of `[A-Za-z0-9._:-]`, else `nil` (so a hostile header
    /// cannot inject text into logs).
    static func sanitized(_ raw: String) -> String? {
        guard (1...128).contains(raw.utf8.count) else { return nil }
        let ok = raw.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
        }
        return ok ? raw : nil
    }

    /// A fresh id in the UUID text form: a random 128-bit value drawn once per process, its low 64
    /// bits XORed with a counter. Unique within the process by the counter and across processes by
    /// the random value; ids need not be unpredictable, and a random UUID per request (a system
    /// random call each) showed in profiles of `/me`.
    static func generate() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        let high = UInt64(truncatingIfNeeded: prefix >> 64), low = UInt64(truncatingIfNeeded: prefix) ^ count
        return UUID(uuid: withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { $0.load(as: uuid_t.self) }).lowercasedText
    }

    private static let prefix = UInt128.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(0)
}
