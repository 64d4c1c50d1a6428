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
    /// Proof of possession of a key held by an authenticator: a passkey (RFC 8176 `hwk`). A
    /// passkey sign-in with user verification records `["hwk", "mfa"]`: the authenticator proved
    /// possession and checked the user locally (PIN or biometrics), two factors in one device.
    public static let passkey = "hwk"
    /// More than one factor was proven (added beside the factors' own values).
    public static let multipleFactors = "mfa"
}
