import Foundation

/// How the pages meet browsers: where they are served from, and the key of their CSRF tokens.
public struct WebSettings: Sendable {
    /// The origins (`scheme://host[:port]`) browsers reach the pages at. A state-changing form
    /// whose `Origin` (or, without one, `Referer`) is not one of them is refused. The first one
    /// decides the cookie: `https` gets `__Host-` cookies with `Secure`; `http` (only sensible on
    /// `localhost`) gets plain cookies without `Secure`, since browsers drop a `__Host-` cookie
    /// that is not `Secure`.
    public var origins: [String]
    /// The HMAC key of the CSRF tokens (at least 32 bytes; derive it from a server secret).
    public var csrfKey: [UInt8]

    /// Creates the settings. (The sign-in page's provider buttons come from the OAuth flow given
    /// to ``WebFeature``: one for each of its providers.)
    public init(origins: [String], csrfKey: [UInt8]) {
        self.origins = origins.map(Self.normalizedOrigin)
        self.csrfKey = csrfKey
    }

    /// Creates the settings; `oauthProviders` is no longer read.
    @available(*, deprecated, message: "the sign-in page shows a button for every provider of the OAuth flow given to WebFeature")
    public init(origins: [String], csrfKey: [UInt8], oauthProviders: [String]) {
        self.init(origins: origins, csrfKey: csrfKey)
    }

    /// Whether the cookies are `Secure` with the `__Host-` prefix (the first origin is `https`).
    public var isSecure: Bool { origins.first?.hasPrefix("https://") ?? true }

    /// `scheme://host[:port]` of `url`, lower case, without a trailing slash.
    static func normalizedOrigin(_ url: String) -> String {
        var text = url.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        if let range = text.range(of: "://"), let slash = text[range.upperBound...].firstIndex(of: "/") {
            text = String(text[..<slash])
        }
        return text
    }
}

import Crypto

extension WebSettings {
    /// A CSRF key derived from a server secret (the JWT secret), so a deployment needs no extra
    /// setting and the key is never the secret itself.
    public static func csrfKey(derivedFrom secret: [UInt8]) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array("authd web csrf v1".utf8), outputByteCount: 32)
        return key.withUnsafeBytes { Array($0) }
    }
}
