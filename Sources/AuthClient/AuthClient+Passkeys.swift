import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Passkeys (docs/passkeys.md; docs/api.md, "Passkeys"). The client does not run the WebAuthn
/// ceremony: it fetches the options (``PasskeyOptions/publicKey``) for the platform
/// (`ASAuthorizationPlatformPublicKeyCredentialProvider`, a browser's `navigator.credentials`) and
/// sends back the credential's JSON (`PublicKeyCredential.toJSON()`'s shape) as it came.
extension AuthClient {
    // MARK: Managing the user's passkeys

    /// `POST /passkeys/register/options` (recent authentication): options for creating a passkey.
    public func passkeyRegistrationOptions() async throws -> PasskeyOptions {
        try await authorized("POST", "passkeys/register/options")
    }

    /// `POST /passkeys/register {challenge_id, credential, name?}`: adds the passkey the platform
    /// created; mails a notice.
    /// - Parameters:
    ///   - options: the options it was created with.
    ///   - credential: the new credential's JSON (`toJSON()` of the registration response).
    ///   - name: its name on the list (default: authd's).
    /// - Returns: the passkey, and recovery codes when it is the user's first second factor.
    public func registerPasskey(_ options: PasskeyOptions, credential: RawJSON, name: String? = nil) async throws -> PasskeyRegistration {
        let body = PasskeyCredentialBody(challengeID: options.challengeID, credential: credential, name: name)
        return try await authorized("POST", "passkeys/register", body: try Self.encoder.encode(body))
    }

    /// `GET /passkeys`: the user's passkeys, oldest first.
    public func passkeys() async throws -> [PasskeyInfo] {
        let list: PasskeyList = try await authorized("GET", "passkeys")
        return list.passkeys
    }

    /// `PATCH /passkeys/{id} {name}`: renames a passkey.
    /// - Returns: the renamed passkey.
    public func renamePasskey(id: String, to name: String) async throws -> PasskeyInfo {
        try await authorized("PATCH", "passkeys/\(id)", json: ["name": name])
    }

    /// `DELETE /passkeys/{id}` (recent authentication): removes a passkey; mails a notice.
    public func removePasskey(id: String) async throws {
        let _: Success = try await authorized("DELETE", "passkeys/\(id)")
    }

    // MARK: Signing in

    /// `POST /sign-in/passkey/options {email?}`: options for signing in with a passkey (the first
    /// factor). Without an address the platform offers the device's discoverable passkeys.
    public func passkeySignInOptions(email: String? = nil) async throws -> PasskeyOptions {
        try await send("POST", "sign-in/passkey/options", body: try email.map { try Self.encoder.encode(["email": $0]) })
    }

    /// `POST /sign-in/passkey {challenge_id, credential}`: signs in with the assertion the platform
    /// made for `options` and holds the new session (a passkey with user verification is both
    /// factors: no second step follows).
    public func signIn(withPasskey options: PasskeyOptions, credential: RawJSON) async throws {
        let body = PasskeyCredentialBody(challengeID: options.challengeID, credential: credential)
        try await adopt(try await send("POST", "sign-in/passkey", body: try Self.encoder.encode(body)) as TokenAnswer)
    }

    /// `POST /sign-in/mfa/passkey/options {token_id}`: options for a passkey as the second factor
    /// of `challenge` (its `methods` include `passkey`).
    public func passkeySecondFactorOptions(_ challenge: MFAChallenge) async throws -> PasskeyOptions {
        try await send("POST", "sign-in/mfa/passkey/options", json: ["token_id": challenge.verificationID])
    }

    /// `POST /sign-in/mfa {token_id, method: "passkey", credential}`: completes the sign-in with
    /// the platform's assertion for ``passkeySecondFactorOptions(_:)`` and holds the session.
    public func completeSignIn(_ challenge: MFAChallenge, passkeyCredential credential: RawJSON) async throws {
        let body = PasskeySecondFactorBody(tokenID: challenge.verificationID, credential: credential)
        try await adopt(try await send("POST", "sign-in/mfa", body: try Self.encoder.encode(body)) as TokenAnswer)
    }

    // MARK: Reauthenticating

    /// `POST /reauthenticate/passkey/options`: options for proving a passkey again.
    public func passkeyReauthenticationOptions() async throws -> PasskeyOptions {
        try await authorized("POST", "reauthenticate/passkey/options")
    }

    /// `POST /reauthenticate {method: "passkey", credential}`: makes the session recent (password
    /// and second factor) with the platform's assertion for ``passkeyReauthenticationOptions()``.
    public func reauthenticate(passkeyCredential credential: RawJSON) async throws {
        let body = PasskeySecondFactorBody(credential: credential)
        let _: Success = try await authorized("POST", "reauthenticate", body: try Self.encoder.encode(body))
    }
}
