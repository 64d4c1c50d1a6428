/// An ``AccountEraser`` over the in-memory stores. Each store is an actor of its own, so the
/// deletion is store by store rather than one transaction; it removes the user first, so that
/// nothing can sign in to the account while the rest goes.
public struct InMemoryAccountEraser: AccountEraser {
    let users: InMemoryUserStore
    let credentials: InMemoryCredentialStore
    let sessions: InMemorySessionStore
    let verifications: InMemoryVerificationStore
    let oauthAccounts: InMemoryOAuthAccountStore
    let secondFactors: InMemorySecondFactorStore
    let audit: InMemoryAuditLog
    let passkeys: InMemoryPasskeyStore?

    /// Creates the eraser over the stores it deletes from (`passkeys`: the passkey store, when
    /// the service has one in memory).
    public init(
        users: InMemoryUserStore, credentials: InMemoryCredentialStore, sessions: InMemorySessionStore,
        verifications: InMemoryVerificationStore, oauthAccounts: InMemoryOAuthAccountStore,
        secondFactors: InMemorySecondFactorStore, audit: InMemoryAuditLog,
        passkeys: InMemoryPasskeyStore? = nil
    ) {
        self.passkeys = passkeys
        self.users = users
        self.credentials = credentials
        self.sessions = sessions
        self.verifications = verifications
        self.oauthAccounts = oauthAccounts
        self.secondFactors = secondFactors
        self.audit = audit
    }

    public func erase(_ user: User, leaving record: AuditEvent) async throws {
        await users.remove(user.id)
        await credentials.removePasswordHash(for: user.id)
        await sessions.remove(of: user.id)
        await verifications.remove(of: user.id)
        await oauthAccounts.remove(of: user.id)
        await secondFactors.removeAll(of: user.id)
        await passkeys?.removeAll(of: user.id)
        await audit.remove(of: user.id, email: user.email)
        await audit.record(record)
    }
}
