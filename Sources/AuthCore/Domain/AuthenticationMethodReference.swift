/// The `amr` values (RFC 8176 where it has one) AuthCore records on sessions and tokens.
public enum AuthenticationMethodReference {
    /// A password.
    public static let password = "pwd"
    /// A federated sign-in (OAuth / OpenID Connect provider).
    public static let federated = "fed"
    /// A one-time code from an authenticator app (TOTP).
    public static let oneTimePassword = "otp"
    /// A one-time code mailed to the account's address.
    public static let email = "email"
    /// A single-use recovery code.
    public static let recoveryCode = "rc"
    /// More than one factor was proven (added beside the factors' own values).
    public static let multipleFactors = "mfa"
}
