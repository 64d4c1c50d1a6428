import Foundation

/// An ``OpenIDGrantStore`` in memory. The actor serialises rotations, which is all one process
/// needs; instances that share sessions need a shared store (PostgreSQL).
public actor InMemoryOpenIDGrantStore: OpenIDGrantStore {
    private var grants: [OpenIDGrantID: OpenIDGrant] = [:]
    private var consentsByUser: [UserID: [String: OpenIDConsent]] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ grant: OpenIDGrant) throws {
        guard grants[grant.id] == nil else { throw AuthError(.conflict, "the grant exists") }
        grants[grant.id] = grant
    }

    public func grant(id: OpenIDGrantID) -> OpenIDGrant? { grants[id] }

    public func rotate(
        _ id: OpenIDGrantID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) -> RefreshRotation {
        guard var grant = grants[id], grant.revokedAt == nil, var state = grant.refresh else { return .unknown }
        let outcome = state.present(
            presented, presentedHash: presentedHash, successorHash: successorHash, at: now, reuseInterval: reuseInterval)
        grant.refresh = state
        grants[id] = grant
        return outcome
    }

    public func revoke(_ id: OpenIDGrantID, at now: Date) -> Bool {
        guard var grant = grants[id], grant.revokedAt == nil else { return false }
        grant.revokedAt = now
        grants[id] = grant
        return true
    }

    public func revokeGrants(of user: UserID, to client: String, at now: Date) -> Int {
        let live = grants.values.filter { $0.userID == user && $0.clientID == client && $0.revokedAt == nil }
        for grant in live { grants[grant.id]?.revokedAt = now }
        return live.count
    }

    public func consent(of user: UserID, to client: String) -> OpenIDConsent? { consentsByUser[user]?[client] }

    public func saveConsent(_ consent: OpenIDConsent) {
        consentsByUser[consent.userID, default: [:]][consent.clientID] = consent
    }

    public func consents(of user: UserID) -> [OpenIDConsent] {
        (consentsByUser[user] ?? [:]).values.sorted { ($0.grantedAt, $0.clientID) > ($1.grantedAt, $1.clientID) }
    }

    public func removeConsent(of user: UserID, to client: String) -> Bool {
        consentsByUser[user]?.removeValue(forKey: client) != nil
    }

    public func eraseData(of user: User) {
        grants = grants.filter { $0.value.userID != user.id }
        consentsByUser[user.id] = nil
    }
}
