/// A user's second factors, as `GET /mfa` shows them.
public struct SecondFactorStatus: Hashable, Sendable {
    /// Whether sign-in asks for a second factor.
    public var mfaEnabled: Bool
    /// The enabled methods, one entry per authenticator for methods with several.
    public var enrolments: [SecondFactorEnrolment]
    /// Unused recovery codes.
    public var recoveryCodesLeft: Int
}
