import Crypto
import Foundation

/// Sign in with Apple's client secret: not a fixed string but an ES256 JWT the client signs with
/// its team's key (header `kid`; claims `iss` = team id, `sub` = client id, `aud` = Apple's
/// issuer, `iat`, `exp`), made on demand and remade a while before it expires.
///
/// Apple accepts secrets valid for up to six months; a short ``lifetime`` keeps a leaked secret
/// (it travels to the token endpoint on every sign-in) useful for an hour at most.
actor AppleClientSecret {
    let key: P256.Signing.PrivateKey
    let keyID: String
    let teamID: String
    let clientID: String
    let audience: String
    let clock: any WallClock
    /// How long a made secret is valid (default 1 hour).
    let lifetime: TimeInterval
    /// How long before its expiry a secret is replaced (default 5 minutes), so a secret never
    /// expires between being sent and being checked.
    let renewal: TimeInterval
    private var cached: (jwt: String, expires: Date)?

    init(
        key: AppleSigningKey, clientID: String, audience: String, clock: any WallClock, lifetime: TimeInterval = 3600,
        renewal: TimeInterval = 300
    ) throws {
        self.key = try key.privateKey()
        self.keyID = key.keyID
        self.teamID = key.teamID
        self.clientID = clientID
        self.audience = audience
        self.clock = clock
        self.lifetime = lifetime
        self.renewal = renewal
    }

    /// The secret to send now.
    /// - Throws: `AuthError(.internal)` when signing fails.
    func current() throws -> String {
        let now = clock.now
        if let cached, now.addingTimeInterval(renewal) < cached.expires { return cached.jwt }
        let issued = Int64(now.timeIntervalSince1970.rounded(.down))
        let expires = issued + Int64(lifetime)
        do {
            let header = try JSONSerialization.data(withJSONObject: ["alg": "ES256", "kid": keyID], options: [.sortedKeys])
            let claims = try JSONSerialization.data(
                withJSONObject: ["iss": teamID, "sub": clientID, "aud": audience, "iat": issued, "exp": expires] as [String: Any],
                options: [.sortedKeys])
            let input = Base64URL.encode(header) + "." + Base64URL.encode(claims)
            let signature = try key.signature(for: Array(input.utf8)).rawRepresentation
            let jwt = input + "." + Base64URL.encode(signature)
            cached = (jwt, Date(timeIntervalSince1970: TimeInterval(expires)))
            return jwt
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }
}
