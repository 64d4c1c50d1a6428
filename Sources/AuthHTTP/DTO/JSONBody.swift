import AuthCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Decoding of JSON request bodies and encoding of JSON responses, with the API's error rules.
///
/// Bodies must be JSON (`application/json`, `application/*+json`, or no `Content-Type` at all);
/// anything else, malformed JSON, a missing field, `null` or a wrong type is a 400
/// `invalid_request` naming the field, never a 500. Public so that other route families (the
/// pages' script calls in AuthWeb) answer malformed JSON exactly as the API does.
package enum JSONBody {
    /// Decodes `T` from the (already collected) body of `request`.
    package static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try checkContentType(request.headers[.contentType])
        let buffer = try await body(of: request)
        guard buffer.readableBytes > 0 else { throw AuthError.invalidRequest("a JSON body is required") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw AuthError.invalidRequest(describe(error))
        }
    }

    /// Whether the request has a non-empty body.
    static func hasBody(_ request: Request) async throws -> Bool {
        try await body(of: request).readableBytes > 0
    }

    /// The body, collected by ``BodyLimitMiddleware`` already; this limit is the backstop for a
    /// body it did not see (a server that frames bodies without HTTP/1's headers), refused alike.
    private static func body(of request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: BodyLimitMiddleware.defaultLimit)
        } catch is NIOTooManyBytesError {
            throw AuthError(.payloadTooLarge, "the request body must be at most \(BodyLimitMiddleware.defaultLimit / 1024) KiB")
        }
    }

    static func checkContentType(_ value: String?) throws {
        guard let value else { return }
        let mediaType = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace.lowercased() } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
        else { throw AuthError.invalidRequest("Content-Type must be application/json") }
    }

    /// Client-safe text for a decoding failure: which field, and what was wrong. Never echoes values.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context, key))"
        case .valueNotFound(_, let context): return "field \(path(context)) must not be null"
        case .typeMismatch(let type, let context):
            let name = path(context)
            return name.isEmpty ? "the body must be a JSON object" : "field \(name) must be of type \(typeName(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "field \(path(context)) is invalid"
        @unknown default: return "the body is not valid JSON"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        case is Int.Type, is Double.Type: "number"
        default: "object"
        }
    }

    /// `Content-Type: application/json; charset=utf-8`, the type of every JSON answer; built once,
    /// since the `[name] = value` setter validates its value on every call.
    static let contentType = HTTPField(name: .contentType, value: "application/json; charset=utf-8")

    /// A JSON response with `status`.
    package static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers.append(contentType)
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
