import Foundation

/// `POST /mfa/recovery-codes`: replaces the user's recovery codes with a new set, shown once.
///
/// The old set stops working at once. It needs a recent authentication (whoever holds the new
/// set can pass the second factor) and mails the owner a notice.
public struct RecoveryCodesFlow: Sendable {
    let store: any SecondFactorStore
    let factors: SecondFactorRegistry
    let recoveryCodes: RecoveryCodes
    let cache: CacheInvalidator
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration

    /// Makes a new set for the user of `auth`.
    /// - Returns: the ``RecoveryCodes/setSize`` codes, formatted `xxxx-xxxx-xxxx`.
    /// - Throws: `reauthentication_required`.
    public func regenerate(_ auth: Authenticated, client: ClientContext = ClientContext()) async throws -> [String] {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        let set = recoveryCodes.makeSet(for: auth.user.id, random: random)
        try await store.replaceRecoveryCodes(of: auth.user.id, with: set.hashes, at: now)
        await cache.user(auth.user.id)
        await audit.record(.recoveryCodesReplaced, user: auth.user, client: client)
        await notices.send(MailMessage(to: auth.user.email, kind: .recoveryCodesReplaced(at: now)))
        return set.codes
    }
}
