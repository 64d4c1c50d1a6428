import Foundation
import Logging

/// Checks an assertion against a taken ceremony and the stored passkey, applies the
/// signature-counter rule and records the use. Shared by passkey sign-in, the passkey second
/// factor and reauthentication, so none of them can skip a check.
struct PasskeyAssertions: Sendable {
    let store: any PasskeyStore
    let verifier: WebAuthnVerifier
    let clock: any WallClock

    /// The verified passkey and what its authenticator reported.
    /// - Parameter ceremony: the taken ceremony; when it names a user, the credential must be theirs.
    /// - Throws: `AuthError(.invalidCredential)` carrying the ``WebAuthnFailure``.
    func verify(
        _ response: AuthenticationResponseJSON, ceremony: WebAuthnChallenges.Ceremony, requireUserVerification: Bool
    ) async throws -> (Passkey, WebAuthnVerifier.Assertion) {
        guard let credentialID = Base64URL.decode(response.rawId), !credentialID.isEmpty,
              Base64URL.decode(response.id) == credentialID
        else { throw AuthError.webAuthn(.malformed) }
        guard let passkey = try await store.passkey(credentialID: credentialID) else { throw AuthError.webAuthn(.unknownCredential) }
        if let expected = ceremony.userID, expected != passkey.userID { throw AuthError.webAuthn(.unknownCredential) }
        if let handle = response.response.userHandle, !handle.isEmpty {
            // A discoverable credential names its account; it must be the credential's own.
            guard let bytes = Base64URL.decode(handle), try await store.userID(forHandle: bytes) == passkey.userID else {
                throw AuthError.webAuthn(.userHandle)
            }
        } else if ceremony.userID == nil {
            // Nobody was named before the ceremony, so the response must say whose it is.
            throw AuthError.webAuthn(.userHandle)
        }
        let assertion: WebAuthnVerifier.Assertion
        do {
            assertion = try verifier.verifyAssertion(
                response, challenge: ceremony.challenge, passkey: passkey, requireUserVerification: requireUserVerification)
        } catch {
            throw AuthError.webAuthn(error)
        }
        // BE is fixed when a credential is made (WebAuthn 6.1.3): a clone that sets it to escape
        // the counter rule below is refused here.
        guard assertion.flags.contains(.backupEligible) == passkey.backupEligible else {
            throw AuthError.webAuthn(.backupEligibility)
        }
        guard passkey.acceptsSignCount(assertion.signCount) else { throw AuthError.webAuthn(.signCount) }
        // Recorded only against the counter just checked: a replayed or racing assertion with the
        // same counter loses here.
        guard try await store.recordUse(
            passkey.id, expectedSignCount: passkey.signCount, signCount: assertion.signCount,
            backedUp: assertion.flags.contains(.backedUp), at: clock.now)
        else { throw AuthError.webAuthn(.signCount) }
        return (passkey, assertion)
    }
}
