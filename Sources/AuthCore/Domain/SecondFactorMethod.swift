/// The name of a second-factor method, as the API shows it (`methods` of an `mfa_required` answer,
/// `method` of `POST /sign-in/mfa`).
///
/// A struct of static names rather than an enum: a method is one ``SecondFactor`` type plus a
/// registration, and adding one must not break code that switches over the known names.
public struct SecondFactorMethod: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The stable snake_case name.
    public let rawValue: String
    /// Creates a method name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A 6-digit code mailed to the account's address (the seed's MFA).
    public static let email = SecondFactorMethod(rawValue: "email")
    /// An authenticator app (RFC 6238).
    public static let totp = SecondFactorMethod(rawValue: "totp")
    /// A single-use recovery code.
    public static let recoveryCode = SecondFactorMethod(rawValue: "recovery_code")
    /// A WebAuthn credential.
    public static let passkey = SecondFactorMethod(rawValue: "passkey")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
