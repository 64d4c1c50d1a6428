import AuthCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The CSRF defence of every state-changing form, in two independent layers:
///
/// 1. **Origin check**: the request's `Origin` (or, when a browser sends none, its `Referer`) must
///    be one of the configured origins. A request with neither is refused: every browser that
///    matters sends `Origin` on a form POST.
/// 2. **Token**: each form carries `csrf` = HMAC-SHA256(key, seed ‖ session id), where the seed is
///    a random value in an `HttpOnly` cookie and the session id is the signed-in session's (empty
///    before sign-in). Another site can neither read the seed nor compute the HMAC without the
///    server's key, and a token from one session is worthless in another (signed double submit).
struct CSRFGuard: Sendable {
    let key: SymmetricKey
    let origins: Set<String>

    /// The header a page script's call carries its token in (a form sends the field `csrf`).
    static let header = HTTPField.Name("X-CSRF-Token")!

    init(settings: WebSettings) {
        key = SymmetricKey(data: settings.csrfKey)
        origins = Set(settings.origins)
    }

    /// A fresh seed: 32 random bytes, base64url.
    static func newSeed() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The token for forms rendered with `seed` to the holder of `session` (or no one).
    func token(seed: String, session: SessionID?) -> String {
        let message = Array("\(seed)|\(session?.description ?? "")".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// Refuses a state-changing request that fails either layer.
    /// - Throws: `AuthError(.forbidden)` (the same answer whichever layer refused).
    func check(_ request: Request, submitted: String?, seed: String?, session: SessionID?) throws {
        guard isSameOrigin(request) else { throw AuthError(.forbidden, "the form came from another site") }
        guard let submitted, let seed else { throw AuthError(.forbidden, "the form has expired; reload the page") }
        let expected = token(seed: seed, session: session)
        guard ConstantTime.equals(Array(submitted.utf8), Array(expected.utf8)) else {
            throw AuthError(.forbidden, "the form has expired; reload the page")
        }
    }

    func isSameOrigin(_ request: Request) -> Bool {
        if let origin = request.headers[.origin] {
            return origins.contains(WebSettings.normalizedOrigin(origin))
        }
        if let referer = request.headers[.referer] {
            return origins.contains(WebSettings.normalizedOrigin(referer))
        }
        return false
    }
}
