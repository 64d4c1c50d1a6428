/// One account as an operator sees it: `GET /api/v1/admin/users/{id}` and the dashboard's user page.
public struct AdminUserDetail: Hashable, Sendable {
    public var user: User
    /// Whether the account holds the admin role (stored or by `ADMIN_EMAILS`).
    public var isAdmin: Bool
    /// The enabled second factors, one entry per authenticator (no secrets).
    public var factors: [SecondFactorEnrolment]
    /// Unused recovery codes.
    public var recoveryCodesLeft: Int
    /// Linked provider identities.
    public var oauthAccounts: [OAuthAccount]

    /// Creates the detail.
    public init(
        user: User, isAdmin: Bool, factors: [SecondFactorEnrolment], recoveryCodesLeft: Int,
        oauthAccounts: [OAuthAccount]
    ) {
        self.user = user
        self.isAdmin = isAdmin
        self.factors = factors
        self.recoveryCodesLeft = recoveryCodesLeft
        self.oauthAccounts = oauthAccounts
    }

    /// Whether sign-in asks this user for a second factor.
    public var mfaEnabled: Bool { !factors.isEmpty }
}
