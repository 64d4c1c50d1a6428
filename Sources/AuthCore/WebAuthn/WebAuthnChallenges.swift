import AuthWebAuthn
import Crypto
import Foundation

/// Issues and takes ceremony challenges in the ``EphemeralStateStore``: 32 random bytes each,
/// bound to what the ceremony is for, living ``WebAuthnConfiguration/challengeTTL``, taken once.
///
/// The store key is a hash of the challenge, so a dump of the store does not hold live
/// challenges. The challenge (base64url) doubles as the API's `challenge_id`.
struct WebAuthnChallenges: Sendable {
    /// What a challenge was issued for.
    enum Purpose: String, Codable, Sendable {
        /// Adding a passkey to a signed-in account.
        case registration
        /// Signing in with a passkey as the first (or only) factor.
        case signIn
        /// Proving a passkey as the second factor of an open MFA challenge.
        case secondFactor
        /// A signed-in user proving a passkey again (reauthentication).
        case reauthentication
    }

    /// What is remembered between options and response.
    struct Ceremony: Codable, Sendable {
        var purpose: Purpose
        /// base64url of the challenge bytes.
        var challenge: String
        /// The user the ceremony is for; `nil` for a discoverable sign-in (or an unknown address).
        var userID: UserID?
        /// For ``Purpose/secondFactor``: the MFA challenge it completes.
        var verificationID: VerificationID?
    }

    let states: any EphemeralStateStore
    let random: any RandomSource
    let ttl: Duration

    /// A fresh challenge for `purpose`, stored.
    func issue(_ purpose: Purpose, userID: UserID? = nil, verificationID: VerificationID? = nil) async throws -> String {
        let challenge = Base64URL.encode(random.bytes(32))
        let ceremony = Ceremony(purpose: purpose, challenge: challenge, userID: userID, verificationID: verificationID)
        // 256 random bits cannot collide in practice; a `false` here means a broken random source.
        guard try await states.put(Self.key(challenge), value: Array(try JSONEncoder().encode(ceremony)), ttl: ttl) else {
            throw AuthError(.internal)
        }
        return challenge
    }

    /// Takes the ceremony of `challenge` (it cannot be taken again) if it is one of `purpose`.
    /// - Throws: ``WebAuthnFailure/challenge`` for an unknown, expired, used or malformed id, or
    ///   one of another purpose (which is spent all the same).
    func take(_ challenge: String, for purpose: Purpose) async throws -> Ceremony {
        guard Base64URL.isToken(challenge, length: 43),
              let bytes = try await states.take(Self.key(challenge)),
              let ceremony = try? JSONDecoder().decode(Ceremony.self, from: Data(bytes)),
              ceremony.purpose == purpose, ceremony.challenge == challenge
        else { throw AuthError.webAuthn(.challenge) }
        return ceremony
    }

    /// The challenge a client put in its `clientDataJSON`, read before the full check so the
    /// ceremony can be found by it (second factor and reauthentication carry no `challenge_id`).
    static func challenge(in clientDataJSON: String) -> String? {
        guard let bytes = Base64URL.decode(clientDataJSON), let data = try? CollectedClientData.parse(bytes) else { return nil }
        return data.challenge
    }

    static func key(_ challenge: String) -> String {
        "webauthn:" + Base64URL.encode(SHA256.hash(data: Array(challenge.utf8)))
    }
}
