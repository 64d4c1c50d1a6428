import AuthCore
import HTTPTypes
import Hummingbird

/// Decoding of `application/x-www-form-urlencoded` request bodies (introspection, and the OAuth
/// callback when a provider answers with `response_mode=form_post`).
///
/// A body that is not well-formed percent-encoding, or repeats a field, is a 400 `invalid_request`.
package enum FormBody {
    /// Whether `request` declares a form body.
    package static func isForm(_ request: Request) -> Bool {
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type == "application/x-www-form-urlencoded"
    }

    /// The fields of the form body of `request`.
    /// - Throws: `invalid_request` for another content type, a malformed body or a repeated field.
    package static func decode(_ request: Request) async throws -> [String: String] {
        guard isForm(request) else { throw AuthError.invalidRequest("Content-Type must be application/x-www-form-urlencoded") }
        let buffer = try await request.body.collect(upTo: BodyLimitMiddleware.defaultLimit)
        return try fields(of: String(buffer: buffer))
    }

    /// The fields of `text` in `application/x-www-form-urlencoded` (a form body, or a query
    /// string: `+` is a space in both).
    /// - Throws: `invalid_request` for malformed percent-encoding or a repeated field.
    package static func fields(of text: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard parts.count == 2, let name = parts[0], let value = parts[1], !name.isEmpty else {
                throw AuthError.invalidRequest("the form is malformed")
            }
            // A repeated field could smuggle a second value past whichever copy was checked.
            guard fields[name] == nil else { throw AuthError.invalidRequest("the form repeats the field \(name.prefix(32))") }
            fields[name] = value
        }
        return fields
    }
}
