import AuthClient
import Foundation
import Testing

/// The passkey wrappers (docs/passkeys.md) against FakeAuthd's canned answers: options come out and
/// credentials go in as the JSON they are.
@Suite struct AuthClientPasskeysTests {
    /// What `PublicKeyCredential.toJSON()` gives for an assertion (shortened).
    static let assertion: RawJSON = [
        "id": "cred-1", "rawId": "cred-1", "type": "public-key",
        "response": ["clientDataJSON": "eyJ0", "authenticatorData": "SZYN", "signature": "MEUC", "userHandle": "dXNlcg"],
        "clientExtensionResults": [:],
    ]

    @Test func aPasskeyIsRegisteredWithTheOptionsPassedThrough() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let options = try await client.passkeyRegistrationOptions()
        #expect(options.challengeID == "ch-create")
        #expect(options.publicKey["rp"]?["id"] == "auth.example.com")
        #expect(options.publicKey["timeout"] == .integer(300000))
        // The options' JSON is handed on whole, numbers exact.
        let text = String(decoding: try options.publicKey.data(), as: UTF8.self)
        #expect(text.contains(#""alg":-257"#) && text.contains(#""timeout":300000"#))

        let credential = try RawJSON(data: Data(#"{"id": "new", "type": "public-key", "response": {"attestationObject": "o2Nm", "transports": ["internal"]}}"#.utf8))
        let added = try await client.registerPasskey(options, credential: credential, name: "iPhone")
        #expect(added.id == FakeAuthd.passkeyID && added.recoveryCodes == ["7777-8888-9999"])

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v1/auth/passkeys/register/options", "POST /api/v1/auth/passkeys/register"])
        #expect(calls[0].body == nil)
        #expect(calls[1].body == ["challenge_id": "ch-create", "credential": credential, "name": "iPhone"])
    }

    @Test func passkeysAreListedRenamedAndRemoved() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let list = try await client.passkeys()
        #expect(list.count == 1 && list[0].name == "iPhone" && list[0].backedUp && list[0].lastUsedAt == nil)
        #expect(list[0].transports == ["internal", "hybrid"])
        let renamed = try await client.renamePasskey(id: FakeAuthd.passkeyID, to: "Work phone")
        #expect(renamed.name == "Work phone")
        try await client.removePasskey(id: FakeAuthd.passkeyID)

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "GET /api/v1/auth/passkeys", "PATCH /api/v1/auth/passkeys/\(FakeAuthd.passkeyID)",
            "DELETE /api/v1/auth/passkeys/\(FakeAuthd.passkeyID)",
        ])
        #expect(calls[1].body == ["name": "Work phone"])
    }

    @Test func aPasskeySignInHoldsTheSession() async throws {
        let authd = FakeAuthd()
        let client = AuthClient(baseURL: URL(string: "http://authd.test")!, transport: authd)
        let options = try await client.passkeySignInOptions(email: "ada@example.com")
        #expect(options.challengeID == "ch-get" && options.publicKey["userVerification"] == "required")
        try await client.signIn(withPasskey: options, credential: Self.assertion)
        #expect(try await client.accessToken() == "p1")

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v1/auth/sign-in/passkey/options", "POST /api/v1/auth/sign-in/passkey"])
        #expect(calls[0].body == ["email": "ada@example.com"] && calls[0].authorization == nil)
        #expect(calls[1].body == ["challenge_id": "ch-get", "credential": Self.assertion])
    }

    @Test func discoverableSignInOptionsSendNoBody() async throws {
        let authd = FakeAuthd()
        let client = AuthClient(baseURL: URL(string: "http://authd.test")!, transport: authd)
        _ = try await client.passkeySignInOptions()
        #expect(await authd.calls.first?.body == nil)
    }

    @Test func aPasskeyCompletesASecondFactor() async throws {
        let authd = FakeAuthd()
        let client = AuthClient(baseURL: URL(string: "http://authd.test")!, transport: authd)
        let challenge = try JSONDecoder().decode(MFAChallenge.self, from: Data(
            #"{"verification_id": "v-1", "expires_at": 0, "methods": ["passkey", "totp"]}"#.utf8))
        let options = try await client.passkeySecondFactorOptions(challenge)
        #expect(options.challengeID == "ch-get")
        try await client.completeSignIn(challenge, passkeyCredential: Self.assertion)
        #expect(try await client.accessToken() == "p1")

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v1/auth/sign-in/mfa/passkey/options", "POST /api/v1/auth/sign-in/mfa"])
        #expect(calls[0].body == ["token_id": "v-1"])
        #expect(calls[1].body == ["token_id": "v-1", "method": "passkey", "credential": Self.assertion])
    }

    @Test func aPasskeyReauthenticates() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        _ = try await client.passkeyReauthenticationOptions()
        try await client.reauthenticate(passkeyCredential: Self.assertion)
        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == ["POST /api/v1/auth/reauthenticate/passkey/options", "POST /api/v1/auth/reauthenticate"])
        #expect(calls[1].body == ["method": "passkey", "credential": Self.assertion])
    }

    @Test func aRefusedCredentialIsAnAuthAPIErrorWithItsCode() async throws {
        let authd = FakeAuthd()
        await authd.refuse("POST /api/v1/auth/sign-in/passkey", status: 400, code: "invalid_credential", message: "user verification")
        await authd.refuse("POST /api/v1/auth/passkeys/register/options", status: 409, code: "conflict")
        let client = AuthClient(baseURL: URL(string: "http://authd.test")!, transport: authd)
        let options = try await client.passkeySignInOptions()
        let error = await #expect(throws: AuthAPIError.self) { try await client.signIn(withPasskey: options, credential: Self.assertion) }
        #expect(error?.status == 400 && error?.error == "invalid_credential")
        #expect(try await client.isSignedIn == false)

        let signedIn = try await AuthClientTests.client(authd)
        let full = await #expect(throws: AuthAPIError.self) { try await signedIn.passkeyRegistrationOptions() }
        #expect(full?.status == 409 && full?.error == "conflict")
    }
}
