import Foundation

/// Adds and removes authenticator apps (`POST /mfa/totp`, `POST /mfa/totp/confirm`,
/// `DELETE /mfa/totp/{id}`).
///
/// Adding one needs a recent authentication too: a second factor the owner does not hold locks
/// them out, so a stolen token alone must not be able to add one. Confirming proves a first code
/// (its time step then counts as used), and the first authenticator of a user without recovery
/// codes comes with a set. Every confirmed addition or removal mails the owner a notice.
public struct TOTPEnrolmentFlow: Sendable {
    let store: any SecondFactorStore
    let factors: SecondFactorRegistry
    let secrets: TOTPSecrets
    let recoveryCodes: RecoveryCodes
    let cache: CacheInvalidator
    let notices: Notifier
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration

    /// Longest authenticator name, in characters.
    public static let maxNameLength = 64

    /// Starts an enrolment: a fresh 160-bit secret, stored sealed and unconfirmed.
    /// - Parameter name: the user's label for it (default "Authenticator").
    /// - Throws: `reauthentication_required`; `invalid_request` for a bad name; `conflict` when the
    ///   user already holds ``AuthConfiguration/maxAuthenticators``.
    public func start(_ auth: Authenticated, name: String? = nil, client: ClientContext = ClientContext()) async throws -> TOTPEnrolment {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        let label = try Self.validName(name)
        let held = try await store.authenticators(of: auth.user.id).filter { $0.isConfirmed || isPending($0, at: now) }
        guard held.count < configuration.maxAuthenticators else {
            throw AuthError(.conflict, "at most \(configuration.maxAuthenticators) authenticators per account")
        }
        let secret = random.bytes(20)
        let id = AuthenticatorID()
        try await store.addAuthenticator(TOTPAuthenticator(
            id: id, userID: auth.user.id, name: label, sealedSecret: try secrets.seal(secret, id: id, userID: auth.user.id),
            createdAt: now))
        let totp = TOTP(secret: secret)
        return TOTPEnrolment(
            id: id, secret: totp.base32Secret,
            otpauthURI: totp.provisioningURI(account: auth.user.email.value, issuer: configuration.totpIssuer),
            expiresAt: now.addingTimeInterval(configuration.totpEnrolmentTTL.timeInterval))
    }

    /// Confirms enrolment `id` with a code from the app.
    /// - Returns: a new set of recovery codes, shown once, when the user had none left; else `nil`.
    /// - Throws: `invalid_code` for a wrong, replayed or late code or an unknown or expired
    ///   enrolment; `rate_limited` under the per-account second-factor limit.
    public func confirm(
        _ auth: Authenticated, id: AuthenticatorID, code: String, client: ClientContext
    ) async throws -> [String]? {
        let now = clock.now
        let userID = auth.user.id
        guard let enrolment = try await store.authenticators(of: userID).first(where: { $0.id == id }),
              isPending(enrolment, at: now)
        else { throw AuthError.invalidCode }
        let attempt = try await abuse.beginSecondFactorAttempt(for: userID)
        guard let secret = try? secrets.open(enrolment), let step = TOTP(secret: secret).matchingStep(code, at: now),
              try await store.acceptStep(step, authenticator: id, of: userID, at: now)
        else {
            await audit.record(.mfaFailed, user: auth.user, client: client, detail: "totp_enrolment")
            throw AuthError.invalidCode
        }
        try await abuse.succeeded(attempt)
        guard try await store.confirmAuthenticator(id, of: userID, at: now) else { throw AuthError.invalidCode }
        var shown: [String]?
        if try await store.recoveryCodesLeft(of: userID) == 0 {
            let set = recoveryCodes.makeSet(for: userID, random: random)
            try await store.replaceRecoveryCodes(of: userID, with: set.hashes, at: now)
            shown = set.codes
        }
        await cache.user(userID)
        await audit.record(.mfaEnabled, user: auth.user, client: client, detail: SecondFactorMethod.totp.rawValue)
        await notices.send(MailMessage(
            to: auth.user.email, kind: .secondFactorAdded(method: SecondFactorMethod.totp.rawValue, at: now)))
        return shown
    }

    /// Removes authenticator `id`. A confirmed one is a second factor: removing it needs a recent
    /// authentication and mails a notice; a pending enrolment just goes.
    /// - Throws: `not_found` for an id that is not one of the user's; `reauthentication_required`.
    public func remove(_ auth: Authenticated, id: AuthenticatorID, client: ClientContext = ClientContext()) async throws {
        let now = clock.now
        guard let authenticator = try await store.authenticators(of: auth.user.id).first(where: { $0.id == id }) else {
            throw AuthError(.notFound, "no such authenticator")
        }
        if authenticator.isConfirmed { try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors) }
        guard try await store.removeAuthenticator(id, of: auth.user.id, unconfirmedOnly: !authenticator.isConfirmed) else {
            throw AuthError(.notFound, "no such authenticator")
        }
        guard authenticator.isConfirmed else { return }
        await cache.user(auth.user.id)
        await audit.record(.mfaDisabled, user: auth.user, client: client, detail: SecondFactorMethod.totp.rawValue)
        await notices.send(MailMessage(
            to: auth.user.email, kind: .secondFactorRemoved(method: SecondFactorMethod.totp.rawValue, at: now)))
    }

    private func isPending(_ authenticator: TOTPAuthenticator, at now: Date) -> Bool {
        !authenticator.isConfirmed
            && now.timeIntervalSince(authenticator.createdAt) < configuration.totpEnrolmentTTL.timeInterval
    }

    static func validName(_ name: String?) throws -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty else { return "Authenticator" }
        guard trimmed.count <= maxNameLength, trimmed.utf8.count <= 4 * maxNameLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw AuthError.invalidRequest("name must be 1 to \(maxNameLength) characters without control characters") }
        return trimmed
    }
}
