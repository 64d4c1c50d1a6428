import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Second factors (docs/api.md, "Second factors"): the status, authenticator apps and recovery
/// codes. The mailed code is ``AuthClient/setMailedSecondFactor(enabled:)``; passkeys are in
/// AuthClient+Passkeys.swift.
extension AuthClient {
    /// `GET /mfa`: whether sign-in asks for a second factor, the user's methods and how many
    /// recovery codes are left.
    public func secondFactors() async throws -> SecondFactorsInfo { try await authorized("GET", "mfa") }

    /// `POST /mfa/totp` (recent authentication): starts adding an authenticator app; show its QR
    /// code or secret, then confirm with a code from the app.
    /// - Parameter name: the app's name on the list (default: authd's).
    public func startAuthenticatorApp(name: String? = nil) async throws -> AuthenticatorAppEnrolment {
        try await authorized("POST", "mfa/totp", body: try name.map { try Self.encoder.encode(["name": $0]) })
    }

    /// `POST /mfa/totp/confirm {id, code}`: finishes adding the authenticator app; mails a notice.
    /// - Returns: the new recovery codes when the user had none (show them once).
    public func confirmAuthenticatorApp(_ enrolment: AuthenticatorAppEnrolment, code: String) async throws -> AuthenticatorAppConfirmation {
        try await confirmAuthenticatorApp(id: enrolment.id, code: code)
    }

    /// `POST /mfa/totp/confirm {id, code}` by the enrolment's id.
    public func confirmAuthenticatorApp(id: String, code: String) async throws -> AuthenticatorAppConfirmation {
        try await authorized("POST", "mfa/totp/confirm", json: ["id": id, "code": code])
    }

    /// `DELETE /mfa/totp/{id}`: removes an authenticator app (its id as ``SecondFactorsInfo``
    /// lists it).
    public func removeAuthenticatorApp(id: String) async throws {
        let _: Success = try await authorized("DELETE", "mfa/totp/\(id)")
    }

    /// `POST /mfa/recovery-codes` (recent authentication): a new set of recovery codes, replacing
    /// the old; shown this once.
    public func regenerateRecoveryCodes() async throws -> [String] {
        let answer: RecoveryCodesAnswer = try await authorized("POST", "mfa/recovery-codes")
        return answer.recoveryCodes
    }
}
