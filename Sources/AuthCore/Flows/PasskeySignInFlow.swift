import Crypto
import Foundation

/// Sign-in with a passkey (`POST /sign-in/passkey/options`, `POST /sign-in/passkey`), and the
/// request options of the passkey second factor and of reauthentication.
///
/// A passkey signs in on its own only with user verification (the UV flag: PIN or biometrics on
/// the authenticator): it then proves two factors at once, and the session is `aal` 2 with `amr`
/// `["hwk", "mfa"]`. The options ask for verification (`userVerification: "required"`) and an
/// assertion without it is refused: whoever holds a stolen security key without a PIN holds one
/// possession factor, which is never a session (see docs/passkeys.md). Such a key still serves as
/// the second factor after a password.
public struct PasskeySignInFlow: Sendable {
    let users: any UserStore
    let store: any PasskeyStore
    let factors: SecondFactorRegistry
    let challenges: WebAuthnChallenges
    let assertions: PasskeyAssertions
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let audit: Auditor
    let codeHasher: CodeHasher
    let configuration: AuthConfiguration

    /// Options for `navigator.credentials.get()`.
    /// - Parameter email: `nil` for a discoverable-credential sign-in (the browser offers the
    ///   passkeys it holds for this RP ID); else the account's passkeys are listed. An address
    ///   without passkeys (or without an account) gets one stable made-up credential shaped like a
    ///   common real one (16-byte id, a platform authenticator's transports), so the answer does not
    ///   say whether the address has an account or passkeys.
    /// - Throws: `invalid_request` for a malformed address.
    public func options(email rawEmail: String?) async throws -> PasskeyRequestChallenge {
        var allowed: [PublicKeyCredentialDescriptorJSON] = []
        var userID: UserID?
        if let rawEmail {
            let email = try EmailAddress(rawEmail)
            if let user = try await users.user(email: email), user.isEmailVerified, !user.isBanned {
                allowed = try await store.passkeys(of: user.id).map(\.descriptor)
                if !allowed.isEmpty { userID = user.id }
            }
            if allowed.isEmpty { allowed = [decoy(for: email)] }
        }
        let challenge = try await challenges.issue(.signIn, userID: userID)
        return PasskeyRequestChallenge(
            challengeID: challenge, options: requestOptions(challenge, allowed: allowed, userVerification: "required"))
    }

    /// The made-up credential of an address without passkeys: stable for the address (keyed by the
    /// server's code key, so nobody else can compute it) and of the shape most real ones have.
    private func decoy(for email: EmailAddress) -> PublicKeyCredentialDescriptorJSON {
        let digest = SHA256.hash(data: Array(codeHasher.tag("passkey\u{0}" + email.value).utf8))
        return PublicKeyCredentialDescriptorJSON(id: Base64URL.encode(Array(digest.prefix(16))), transports: ["hybrid", "internal"])
    }

    /// Signs in with the assertion.
    /// - Parameter challengeID: the `challenge_id` of ``options(email:)``; spent by this call.
    /// - Returns: a session at `aal` 2.
    /// - Throws: `invalid_credential` for every failed check (the underlying ``WebAuthnFailure``
    ///   says which), an assertion without user verification included; `invalid_credentials` for
    ///   a banned or unverified account.
    public func finish(challengeID: String, response: AuthenticationResponseJSON, client: ClientContext) async throws
        -> SignedIn
    {
        let passkey: Passkey
        do {
            let ceremony = try await challenges.take(challengeID, for: .signIn)
            (passkey, _) = try await assertions.verify(response, ceremony: ceremony, requireUserVerification: true)
        } catch let error as AuthError where error.webAuthnFailure != nil {
            await audit.record(.signInFailed, client: client, detail: "passkey_\(error.webAuthnFailure!.rawValue)")
            throw error
        }
        guard let user = try await users.user(id: passkey.userID), user.isEmailVerified, !user.isBanned else {
            await audit.record(.signInFailed, client: client, detail: "passkey_account_unavailable")
            throw AuthError.invalidCredentials
        }
        return try await sessions.signIn(
            user, client: client,
            amr: [AuthenticationMethodReference.passkey, AuthenticationMethodReference.multipleFactors], aal: 2)
    }

    /// Options for the passkey second factor of the open MFA challenge `id` (`token_id`), bound to it.
    /// - Throws: what ``MFASignInFlow`` answers for an unknown, expired or exhausted challenge;
    ///   `method_unavailable` when `passkey` is not one of the account's methods.
    public func secondFactorOptions(id: VerificationID) async throws -> PasskeyRequestChallenge {
        let row = try await codes.open(id, purpose: .mfa)
        guard let userID = row.userID, let user = try await users.user(id: userID) else { throw AuthError.invalidCode }
        guard try await factors.methods(for: user, after: row.firstFactor).contains(.passkey) else {
            throw AuthError(.methodUnavailable, "passkey is not one of this account's second factors")
        }
        let allowed = try await store.passkeys(of: user.id).map(\.descriptor)
        let challenge = try await challenges.issue(.secondFactor, userID: user.id, verificationID: row.id)
        return PasskeyRequestChallenge(challengeID: challenge, options: requestOptions(challenge, allowed: allowed))
    }

    /// Options for proving a passkey again on a signed-in session (`POST /reauthenticate` with
    /// `method: "passkey"`), which marks it recent and `aal` 2. User verification is required: one
    /// possession factor shown twice is still one factor.
    /// - Throws: `method_unavailable` when the user has no passkey.
    public func reauthenticationOptions(_ auth: Authenticated) async throws -> PasskeyRequestChallenge {
        let allowed = try await store.passkeys(of: auth.user.id).map(\.descriptor)
        guard !allowed.isEmpty else { throw AuthError(.methodUnavailable, "the account has no passkey") }
        let challenge = try await challenges.issue(.reauthentication, userID: auth.user.id)
        return PasskeyRequestChallenge(
            challengeID: challenge, options: requestOptions(challenge, allowed: allowed, userVerification: "required"))
    }

    /// - Parameter userVerification: `"required"` where the passkey is the only proof;
    ///   `"preferred"` where it is the second factor after a password.
    private func requestOptions(
        _ challenge: String, allowed: [PublicKeyCredentialDescriptorJSON], userVerification: String = "preferred"
    ) -> PublicKeyCredentialRequestOptionsJSON {
        PublicKeyCredentialRequestOptionsJSON(
            challenge: challenge, timeout: Int(configuration.webAuthn.challengeTTL.timeInterval * 1000),
            rpId: configuration.webAuthn.relyingPartyID, allowCredentials: allowed, userVerification: userVerification)
    }
}
