import Foundation
import JWTKit
import Synchronization

/// Signs and verifies session tokens (JWT, HS256 only).
///
/// - Important: the only accepted algorithm is HS256 with the configured secret. Tokens with
///   `alg: none`, any other algorithm, a wrong signature, a malformed shape or a past `exp` are
///   refused, all with the same generic `AuthError.unauthorized`.
public struct TokenSigner: Sendable {
    private let keys: JWTKeyCollection
    private let clock: any WallClock
    private let verified = VerifiedTokenMemo()

    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 32

    /// Creates a signer.
    /// - Parameters:
    ///   - secret: the HS256 secret, at least 32 bytes.
    ///   - clock: the time source for `exp` checks.
    /// - Throws: `AuthError(.invalidRequest)` when the secret is too short.
    public init(secret: [UInt8], clock: any WallClock) async throws {
        guard secret.count >= Self.minimumSecretLength else {
            throw AuthError.invalidRequest("JWT_SECRET must be at least \(Self.minimumSecretLength) bytes")
        }
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(key: .init(data: secret)), digestAlgorithm: .sha256)
        self.clock = clock
    }

    /// A signed token for `session`.
    public func sign(_ session: Session) async throws -> String {
        let claims = SessionToken(
            userID: session.userID, sessionID: session.id, issuedAt: clock.now, expiresAt: session.expiresAt,
            amr: session.amr, aal: session.aal)
        do {
            return try await keys.sign(claims, header: ["alg": "HS256", "typ": "JWT"])
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }

    /// Verifies `token` and returns its user and session ids.
    /// - Throws: `AuthError.unauthorized` for any defect, never saying which.
    public func verify(_ token: String) async throws -> (userID: UserID, sessionID: SessionID) {
        // Cheap shape checks first: a JWT is three base64url parts, and we never issue long ones.
        guard token.utf8.count <= 2048, token.utf8.split(separator: UInt8(ascii: ".")).count == 3 else {
            throw AuthError.unauthorized
        }
        let bytes = Array(token.utf8)
        let claims: SessionToken
        if let known = verified.claims(for: bytes) {
            claims = known
        } else {
            // The header must name the one algorithm we sign with: a MAC that happens to verify
            // under another `alg` is still a token we never issued.
            guard Self.headerNamesHS256(bytes) else { throw AuthError.unauthorized }
            do {
                claims = try await keys.verify(token, as: SessionToken.self)
            } catch {
                throw AuthError.unauthorized
            }
            verified.remember(claims, for: bytes)
        }
        guard Double(claims.exp) > clock.now.timeIntervalSince1970,
              let userID = UserID(uuidString: claims.sub),
              let sessionID = SessionID(uuidString: claims.sid)
        else { throw AuthError.unauthorized }
        return (userID, sessionID)
    }
}

extension TokenSigner {
    /// Whether the token's header is a JSON object whose `alg` is exactly `HS256`.
    static func headerNamesHS256(_ token: [UInt8]) -> Bool {
        guard let dot = token.firstIndex(of: UInt8(ascii: ".")),
              let header = Base64URL.decode(String(decoding: token[..<dot], as: UTF8.self)),
              let object = try? JSONSerialization.jsonObject(with: Data(header)) as? [String: Any]
        else { return false }
        return object["alg"] as? String == "HS256"
    }
}

/// Remembers the claims of tokens whose signature already verified, so a client that sends the
/// same token on every request pays the HMAC and two JSON decodes once.
///
/// Safe because a token is immutable and is only ever remembered after jwt-kit verified it with
/// the one configured key; `exp` is still checked against the clock on every request, and the
/// session (revocation, ban) is always looked up afterwards. Keyed by the token's exact bytes, not
/// by `String` equality, which treats canonically equivalent Unicode as equal: a different byte
/// sequence must never reuse another token's verification. Bounded: cleared when full.
final class VerifiedTokenMemo: Sendable {
    private let entries = Mutex<[[UInt8]: SessionToken]>([:])
    private let capacity = 10_000

    func claims(for token: [UInt8]) -> SessionToken? { entries.withLock { $0[token] } }

    func remember(_ claims: SessionToken, for token: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = claims
        }
    }
}
