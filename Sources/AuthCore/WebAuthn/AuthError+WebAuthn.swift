import AuthWebAuthn

extension AuthError {
    /// The refusal of a passkey response for `failure`.
    static func webAuthn(_ failure: WebAuthnFailure) -> AuthError {
        AuthError(.invalidCredential, failure.publicDetail, underlying: failure)
    }

    /// The WebAuthn check that refused, when this is a passkey refusal.
    public var webAuthnFailure: WebAuthnFailure? { underlying as? WebAuthnFailure }
}
