import Crypto
import Foundation

/// Makes and checks refresh tokens (docs/tokens.md, "Refresh tokens").
///
/// A token is `base64url(session id ‖ generation ‖ HMAC-SHA256(key, session id ‖ generation))`:
/// derived, not random, so the successor of a token can be computed again and handed to a client
/// whose first answer was lost, without ever storing a token. The store keeps only the generation
/// and a SHA-256 of the current token.
///
/// - Important: the MAC is what makes a token: without the key (derived from `JWT_SECRET`), a
///   session id and a generation are worthless. A token whose MAC fails is refused without
///   touching the session, so nobody who merely knows a session id can end it as "reuse".
struct RefreshTokens: Sendable {
    private let key: SymmetricKey

    /// A token's parts once its MAC verified.
    struct Parsed: Hashable, Sendable {
        /// The session (or, for OpenID grants, the grant) the token refreshes.
        var id: UUID
        var sessionID: SessionID { SessionID(id) }
        var generation: Int
        /// SHA-256 of the token, as the store keeps it.
        var hash: [UInt8]
    }

    /// Derives the MAC key from the server secret with HKDF, so it never doubles as the JWT key.
    /// - Parameter purpose: what the tokens refresh: sessions (the default) or OpenID grants,
    ///   whose tokens are made under a key of their own so one is never taken for the other.
    init(secret: [UInt8], purpose: String = "swift-auth refresh token hmac v1") {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array(purpose.utf8), outputByteCount: 32)
    }

    /// The MAC purpose of OpenID grants' refresh tokens.
    static let openIDPurpose = "swift-auth openid grant refresh token hmac v1"

    private static let payloadLength = 16 + 8
    private static let tokenLength = payloadLength + 32

    /// The token of `session` at `generation`.
    func token(for session: SessionID, generation: Int) -> String { token(for: session.rawValue, generation: generation) }

    /// The token of the session or grant `id` at `generation`.
    func token(for id: UUID, generation: Int) -> String {
        let payload = Self.payload(id, generation)
        return Base64URL.encode(payload + Array(HMAC<SHA256>.authenticationCode(for: payload, using: key)))
    }

    /// SHA-256 of `token`, as stored.
    static func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Array(token.utf8))) }

    /// The session and generation `token` names, or `nil` when it is not a token this key made.
    func parse(_ token: String) -> Parsed? {
        guard token.utf8.count <= 128, let bytes = Base64URL.decode(token), bytes.count == Self.tokenLength else {
            return nil
        }
        let payload = Array(bytes[..<Self.payloadLength])
        guard HMAC<SHA256>.isValidAuthenticationCode(bytes[Self.payloadLength...], authenticating: payload, using: key)
        else { return nil }
        let uuid = payload.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        let generation = payload[16...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard generation <= UInt64(Int.max) else { return nil }
        return Parsed(id: uuid, generation: Int(generation), hash: Self.hash(token))
    }

    private static func payload(_ uuid: UUID, _ generation: Int) -> [UInt8] {
        let id = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let counter = UInt64(generation)
        return id + (0..<8).map { UInt8(truncatingIfNeeded: counter >> (8 * (7 - $0))) }
    }
}
