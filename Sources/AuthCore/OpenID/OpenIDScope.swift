/// The scopes authd grants OpenID clients (docs/oidc.md); others are dropped from a request.
public enum OpenIDScope {
    /// Required: an ID token with `sub`.
    public static let openid = "openid"
    /// `preferred_username` and `updated_at`.
    public static let profile = "profile"
    /// `email` and `email_verified`.
    public static let email = "email"
    /// A refresh token (docs/tokens.md, "Refresh tokens").
    public static let offlineAccess = "offline_access"

    /// Every supported scope, in the order discovery lists them.
    public static let supported = [openid, profile, email, offlineAccess]
}
