import Foundation
import JWTKit
import Synchronization

/// Signs and verifies session tokens (JWT): HS256 with the shared secret (the seed's default), or
/// ES256 / EdDSA with the asymmetric keys of a ``SigningKeyRing`` (docs/tokens.md).
///
/// - Important: the only accepted algorithm is the configured one. Tokens with `alg: none`, any
///   other algorithm, an unknown or retired `kid`, a wrong signature, a malformed shape or a past
///   `exp` are refused, all with the same generic `AuthError.unauthorized`.
public struct TokenSigner: Sendable {
    let keys: JWTKeyCollection
    let ring: SigningKeyRing?
    let clock: any WallClock
    private let verified = VerifiedTokenMemo()

    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 32

    /// Creates a signer.
    /// - Parameters:
    ///   - secret: the HS256 secret, at least 32 bytes.
    ///   - ring: asymmetric keys to sign and verify with instead of the secret.
    ///   - clock: the time source for `exp` checks.
    /// - Throws: `AuthError(.invalidRequest)` when the secret is too short.
    public init(secret: [UInt8], ring: SigningKeyRing? = nil, clock: any WallClock) async throws {
        guard secret.count >= Self.minimumSecretLength else {
            throw AuthError.invalidRequest("JWT_SECRET must be at least \(Self.minimumSecretLength) bytes")
        }
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(key: .init(data: secret)), digestAlgorithm: .sha256)
        self.ring = ring
        self.clock = clock
    }

    /// The algorithm tokens are signed with.
    public var algorithm: TokenAlgorithm { ring?.algorithm ?? .hs256 }

    /// A signed token for `session`.
    /// - Parameters:
    ///   - expiresAt: the token's `exp` when it should end before the session does (a short
    ///     access-token life, ``AuthConfiguration/accessTokenTTL``); never later than the
    ///     session's expiry.
    ///   - extraClaims: claims added beside the session's own (``AuthHooks/customClaims``); a
    ///     reserved name (``ReservedClaims``) is dropped, never allowed to replace a session claim.
    public func sign(
        _ session: Session, expiresAt: Date? = nil, extraClaims: [String: ClaimValue] = [:]
    ) async throws -> String {
        let claims = SessionToken(
            userID: session.userID, sessionID: session.id, issuedAt: clock.now,
            expiresAt: min(expiresAt ?? session.expiresAt, session.expiresAt),
            amr: session.amr, aal: session.aal, authTime: session.authenticatedAt)
        let extra = ReservedClaims.removing(from: extraClaims)
        if !extra.isEmpty { return try await sign(ExtendedSessionToken(session: claims, extra: extra)) }
        return try await sign(claims)
    }

    func sign(_ claims: some JWTPayload) async throws -> String {
        if let ring { return try await Self.sign(claims, with: ring) }
        do {
            return try await keys.sign(claims, header: ["alg": "HS256", "typ": "JWT"])
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }

    /// Verifies `token` and returns its user and session ids.
    /// - Throws: `AuthError.unauthorized` for any defect, never saying which.
    public func verify(_ token: String) async throws -> (userID: UserID, sessionID: SessionID) {
        // We never issue long tokens; a longer one is not worth hashing for the memo.
        guard token.utf8.count <= 2048 else { throw AuthError.unauthorized }
        let key = VerifiedTokenMemo.Key(token)
        let entry: VerifiedTokenMemo.Entry
        if let known = verified.entry(for: key) {
            // A memoised token of a key retired since is refused like any other of that key.
            if let ring, let kid = known.kid {
                guard try await ring.isPublished(kid) else { throw AuthError.unauthorized }
            }
            entry = known
        } else {
            entry = try await verifyAndRemember(token, as: key)
        }
        guard Double(entry.expiry) > clock.now.timeIntervalSince1970 else { throw AuthError.unauthorized }
        return (entry.userID, entry.sessionID)
    }

    private func verifyAndRemember(_ token: String, as key: VerifiedTokenMemo.Key) async throws -> VerifiedTokenMemo.Entry {
        // A cheap shape check first: a JWS is three base64url parts.
        guard token.utf8.lazy.filter({ $0 == UInt8(ascii: ".") }).count == 2 else { throw AuthError.unauthorized }
        let bytes = Array(token.utf8)
        let claims: SessionToken
        var kid: String?
        if let ring {
            (claims, kid) = try await Self.verify(bytes, with: ring)
        } else {
            // The header must name the one algorithm we sign with: a MAC that happens to verify
            // under another `alg` is still a token we never issued.
            guard Self.header(of: bytes)?["alg"] as? String == "HS256" else { throw AuthError.unauthorized }
            do {
                claims = try await keys.verify(token, as: SessionToken.self)
            } catch {
                throw AuthError.unauthorized
            }
        }
        // A token made for an OpenID client (its access token carries `client_id`, its ID token
        // and access token `aud`) is not a session token, and never opens the account API.
        guard claims.clientID == nil, claims.aud == nil, let userID = UserID(uuidString: claims.sub),
              let sessionID = SessionID(uuidString: claims.sid)
        else {
            throw AuthError.unauthorized
        }
        let entry = VerifiedTokenMemo.Entry(userID: userID, sessionID: sessionID, expiry: claims.exp, kid: kid)
        verified.remember(entry, for: key)
        return entry
    }

    /// Signs `claims` as a compact JWS with the ring's current key.
    static func sign(_ claims: some Encodable, with ring: SigningKeyRing) async throws -> String {
        let (kid, key) = try await ring.signer()
        do {
            let header = try JSONSerialization.data(
                withJSONObject: ["alg": ring.algorithm.rawValue, "typ": "JWT", "kid": kid], options: [.sortedKeys])
            let payload = try JSONEncoder().encode(claims)
            let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
            return input + "." + Base64URL.encode(try key.sign(Array(input.utf8)))
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }

    /// Verifies a compact JWS made by ``sign(_:with:)``: the header names the ring's algorithm and
    /// a published `kid`, and that key's signature holds.
    static func verify(_ token: [UInt8], with ring: SigningKeyRing) async throws -> (SessionToken, kid: String) {
        try await verify(token, with: ring, as: SessionToken.self)
    }

    /// Verifies a compact JWS made by ``sign(_:with:)`` and decodes its claims as `type`.
    static func verify<Claims: Decodable>(
        _ token: [UInt8], with ring: SigningKeyRing, as type: Claims.Type
    ) async throws -> (Claims, kid: String) {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let header = header(of: token),
              header["alg"] as? String == ring.algorithm.rawValue, let kid = header["kid"] as? String,
              kid.utf8.count <= 64, let key = try await ring.publicKey(kid),
              let signature = Base64URL.decode(String(decoding: parts[2], as: UTF8.self)),
              let payload = Base64URL.decode(String(decoding: parts[1], as: UTF8.self))
        else { throw AuthError.unauthorized }
        let input = Array(token[..<(parts[0].count + 1 + parts[1].count)])
        guard key.isValid(signature, for: input),
              let claims = try? JSONDecoder().decode(Claims.self, from: Data(payload))
        else { throw AuthError.unauthorized }
        return (claims, kid)
    }
}

extension TokenSigner {
    /// The token's header as a JSON object, or `nil`.
    static func header(of token: [UInt8]) -> [String: Any]? {
        guard let dot = token.firstIndex(of: UInt8(ascii: ".")),
              let header = Base64URL.decode(String(decoding: token[..<dot], as: UTF8.self))
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(header)) as? [String: Any]
    }
}

/// Remembers what tokens whose signature already verified say, so a client that sends the same
/// token on every request pays the signature check, two JSON decodes and two id parses once.
///
/// Safe because a token is immutable and is only ever remembered after its signature verified
/// with a configured key; `exp` is still checked against the clock on every request (and an
/// asymmetric token's `kid` against the published keys), and the session (revocation, ban) is
/// always looked up afterwards. Keyed by the token's exact bytes, not by `String` equality, which
/// treats canonically equivalent Unicode as equal: a different byte sequence must never reuse
/// another token's verification. Bounded: cleared when full.
final class VerifiedTokenMemo: Sendable {
    /// A token compared and hashed by its UTF-8 bytes.
    struct Key: Hashable, Sendable {
        let token: String

        init(_ token: String) { self.token = token }

        static func == (lhs: Key, rhs: Key) -> Bool {
            // Native strings are contiguous UTF-8: withUTF8 does not copy them.
            var (left, right) = (lhs.token, rhs.token)
            return left.withUTF8 { l in
                right.withUTF8 { r in l.count == r.count && (l.isEmpty || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0) }
            }
        }

        func hash(into hasher: inout Hasher) {
            var token = token
            token.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// What a verified token says.
    struct Entry: Sendable {
        var userID: UserID
        var sessionID: SessionID
        /// `exp`, in seconds since 1970.
        var expiry: Int
        /// The signing key's id (asymmetric tokens), checked again on every hit.
        var kid: String?
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity = 10_000

    func entry(for token: Key) -> Entry? { entries.withLock { $0[token] } }

    func remember(_ entry: Entry, for token: Key) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }
}
