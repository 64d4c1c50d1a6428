import Foundation

/// The grants of OpenID clients and the consents users gave them (docs/oidc.md).
///
/// - Important: ``rotate(_:presented:presentedHash:successorHash:at:reuseInterval:)`` has the
///   atomicity of ``RefreshTokenStore``'s: of any number of concurrent calls with the current
///   generation, exactly one rotates and every other sees the same successor.
public protocol OpenIDGrantStore: UserDataEraser {
    /// Records a new grant (with its refresh token's generation 0 when it has one).
    /// - Throws: `conflict` when the id exists; a store with foreign keys may throw `not_found`
    ///   when the client or the session does not exist.
    func insert(_ grant: OpenIDGrant) async throws
    /// The grant `id` (revoked ones too), or `nil`.
    func grant(id: OpenIDGrantID) async throws -> OpenIDGrant?
    /// Presents refresh token generation `presented` of grant `id`, as
    /// ``RefreshTokenStore/rotate(_:presented:presentedHash:successorHash:at:reuseInterval:)`` does
    /// for a session; a revoked grant or one without a refresh token answers `unknown`.
    func rotate(
        _ id: OpenIDGrantID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) async throws -> RefreshRotation
    /// Revokes the grant `id`; `false` when there is none that is not revoked.
    func revoke(_ id: OpenIDGrantID, at now: Date) async throws -> Bool
    /// Revokes every live grant of `user` to `client`.
    /// - Returns: how many were revoked.
    func revokeGrants(of user: UserID, to client: String, at now: Date) async throws -> Int

    /// The consent `user` gave `client`, or `nil`.
    func consent(of user: UserID, to client: String) async throws -> OpenIDConsent?
    /// Stores `consent`, replacing the user's earlier one to the same client.
    func saveConsent(_ consent: OpenIDConsent) async throws
    /// Every consent of `user`, most recent first.
    func consents(of user: UserID) async throws -> [OpenIDConsent]
    /// Forgets the consent of `user` to `client`; `false` when there was none.
    func removeConsent(of user: UserID, to client: String) async throws -> Bool
}
