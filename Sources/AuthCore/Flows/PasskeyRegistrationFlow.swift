import AuthWebAuthn
import Foundation

/// Adds a passkey to the signed-in account (`POST /passkeys/register/options`, then
/// `POST /passkeys/register`).
///
/// Both steps need a recent authentication (with a second factor when the account has one that
/// can prove itself): a passkey is a way into the account, so a stolen token alone must not add
/// one. A passkey is a second factor too: a user's first one turns MFA on, comes with recovery
/// codes when the user has none, and mails a notice like every added factor.
public struct PasskeyRegistrationFlow: Sendable {
    let store: any PasskeyStore
    let secondFactors: any SecondFactorStore
    let factors: SecondFactorRegistry
    let challenges: WebAuthnChallenges
    let verifier: WebAuthnVerifier
    let recoveryCodes: RecoveryCodes
    let cache: CacheInvalidator
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration

    /// The options for `navigator.credentials.create()`: the user's handle, a fresh challenge,
    /// the accepted algorithms, and the user's passkeys to exclude (an authenticator that holds
    /// one says so instead of making a second).
    /// - Throws: `reauthentication_required`; `conflict` at ``WebAuthnConfiguration/maximumPasskeys``.
    public func options(_ auth: Authenticated) async throws -> PasskeyCreationChallenge {
        try await auth.requireRecentSecondFactor(at: clock.now, configuration, factors: factors)
        let held = try await store.passkeys(of: auth.user.id)
        let rp = configuration.webAuthn
        guard held.count < rp.maximumPasskeys else {
            throw AuthError(.conflict, "at most \(rp.maximumPasskeys) passkeys per account")
        }
        // A random opaque handle per user: authenticators store it, and it must not reveal the
        // address or the account id to anyone who reads the authenticator.
        let handle = try await store.userHandle(of: auth.user.id, proposing: random.bytes(32))
        let challenge = try await challenges.issue(.registration, userID: auth.user.id)
        let options = PublicKeyCredentialCreationOptionsJSON(
            rp: .init(id: rp.relyingPartyID, name: rp.relyingPartyName),
            user: .init(id: Base64URL.encode(handle), name: auth.user.email.value, displayName: auth.user.email.value),
            challenge: challenge,
            pubKeyCredParams: COSEKey.Algorithm.allCases.map { .init(alg: $0.rawValue) },
            timeout: Int(rp.challengeTTL.timeInterval * 1000),
            excludeCredentials: held.map(\.descriptor),
            authenticatorSelection: .init(residentKey: "preferred", requireResidentKey: false, userVerification: "preferred"))
        return PasskeyCreationChallenge(challengeID: challenge, options: options)
    }

    /// Verifies the new credential and stores it.
    /// - Parameters:
    ///   - challengeID: the `challenge_id` of ``options(_:)``; spent by this call, right or wrong.
    ///   - response: what `PublicKeyCredential.toJSON()` gave.
    ///   - name: the user's label (default "Passkey").
    /// - Returns: the passkey, and a new set of recovery codes (shown once) when the user had none.
    /// - Throws: `invalid_credential` for a response that fails a check (the underlying
    ///   ``WebAuthnFailure`` says which); `conflict` for a credential already registered;
    ///   `reauthentication_required`; `invalid_request` for a bad name.
    public func finish(
        _ auth: Authenticated, challengeID: String, response: RegistrationResponseJSON, name: String? = nil,
        client: ClientContext
    ) async throws -> (passkey: Passkey, recoveryCodes: [String]?) {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        let label = try PasskeyManagementFlow.validName(name)
        let ceremony = try await challenges.take(challengeID, for: .registration)
        guard ceremony.userID == auth.user.id else { throw AuthError.webAuthn(.challenge) }
        let registration: WebAuthnVerifier.Registration
        do {
            registration = try verifier.verifyRegistration(response, challenge: ceremony.challenge, requireUserVerification: false)
        } catch {
            await audit.record(.mfaFailed, user: auth.user, client: client, detail: "passkey_registration_\(error.rawValue)")
            throw AuthError.webAuthn(error)
        }
        guard try await store.passkeys(of: auth.user.id).count < configuration.webAuthn.maximumPasskeys else {
            throw AuthError(.conflict, "at most \(configuration.webAuthn.maximumPasskeys) passkeys per account")
        }
        let passkey = Passkey(
            userID: auth.user.id, credentialID: registration.credentialID, publicKey: registration.publicKey,
            algorithm: registration.algorithm.rawValue, signCount: registration.signCount,
            backupEligible: registration.flags.contains(.backupEligible), backedUp: registration.flags.contains(.backedUp),
            transports: registration.transports, aaguid: registration.aaguid, name: label, createdAt: now)
        // A credential id registered before (to this account or another) is refused (WebAuthn
        // 7.1 step 26): the store's unique index decides, so two racing registrations cannot both win.
        try await store.add(passkey)
        var shown: [String]?
        if try await secondFactors.recoveryCodesLeft(of: auth.user.id) == 0 {
            let set = recoveryCodes.makeSet(for: auth.user.id, random: random)
            try await secondFactors.replaceRecoveryCodes(of: auth.user.id, with: set.hashes, at: now)
            shown = set.codes
        }
        await cache.user(auth.user.id)
        await audit.record(.mfaEnabled, user: auth.user, client: client, detail: SecondFactorMethod.passkey.rawValue)
        await notices.send(MailMessage(
            to: auth.user.email, kind: .secondFactorAdded(method: SecondFactorMethod.passkey.rawValue, at: now)))
        return (passkey, shown)
    }
}

extension Passkey {
    /// How ceremonies name this credential.
    var descriptor: PublicKeyCredentialDescriptorJSON {
        PublicKeyCredentialDescriptorJSON(id: Base64URL.encode(credentialID), transports: transports.isEmpty ? nil : transports)
    }
}
