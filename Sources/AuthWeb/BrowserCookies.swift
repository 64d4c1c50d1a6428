import Foundation
import HTTPTypes
import Hummingbird

/// The two cookies of the pages:
/// - the session cookie holds the session's token (a JWT): `HttpOnly`, so no script reads it;
///   `SameSite=Lax`, so no other site's form or fetch sends it with a POST; `Path=/` and no
///   `Domain`, as the `__Host-` prefix demands. Only the pages read it: the JSON API accepts a
///   bearer header and nothing else, so the cookie can never make a cross-site API call.
/// - the CSRF seed, a random value the CSRF tokens are bound to (signed double submit).
///
/// Over `https` both carry `Secure` and the `__Host-` prefix. Over `http://localhost` (`make run`)
/// they are named without the prefix and sent without `Secure`: browsers refuse a `__Host-` cookie
/// that is not `Secure`, and Safari refuses `Secure` cookies from `http://localhost`.
struct BrowserCookies: Sendable {
    let secure: Bool

    var sessionName: String { secure ? "__Host-authd_session" : "authd_session" }
    var seedName: String { secure ? "__Host-authd_csrf" : "authd_csrf" }

    /// The value of cookie `name` in `request`, or `nil`.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                return value.isEmpty || value.utf8.count > 4096 ? nil : value
            }
        }
        return nil
    }

    func sessionToken(_ request: Request) -> String? { Self.value(sessionName, in: request) }
    func seed(_ request: Request) -> String? { Self.value(seedName, in: request) }

    /// The browser's CSRF seed when it has a usable one (at most 64 bytes; ours are 43).
    func existingSeed(_ request: Request) -> String? { seed(request).flatMap { $0.utf8.count <= 64 ? $0 : nil } }

    /// `Set-Cookie` for the session token; `maxAge` is the session's remaining life.
    func setSession(_ token: String, maxAge: Int) -> String {
        cookie(sessionName, token, maxAge: maxAge)
    }

    /// `Set-Cookie` that deletes the session cookie.
    func clearSession() -> String { cookie(sessionName, "", maxAge: 0) }

    /// `Set-Cookie` for a CSRF seed (a browser-session cookie).
    func setSeed(_ seed: String) -> String { cookie(seedName, seed, maxAge: nil) }

    private func cookie(_ name: String, _ value: String, maxAge: Int?) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Lax"]
        if let maxAge { parts.append("Max-Age=\(max(0, maxAge))") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}
