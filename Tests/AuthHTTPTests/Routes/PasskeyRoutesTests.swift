import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Passkeys over HTTP (docs/passkeys.md), with the test authenticator standing in for the
/// browser: the JSON shapes are those of `parseCreationOptionsFromJSON` / `toJSON()`.
@Suite("passkeys over HTTP")
struct PasskeyRoutesTests {
    static let auth = "/api/v1/auth"

    /// Posts `body` (any Encodable) as JSON.
    static func post(
        _ client: any TestClientProtocol, _ path: String, _ body: some Encodable, token: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(
            uri: auth + path, method: .post, headers: headers, body: ByteBuffer(bytes: try JSONEncoder().encode(body)))
    }

    /// `public_key` of an options answer, decoded as the browser's parser would read it.
    static func publicKey<T: Decodable>(_ response: TestResponse, as type: T.Type) throws -> (challengeID: String, options: T) {
        #expect(response.status == .ok)
        let body = try response.object()
        #expect(Set(body.keys) == ["challenge_id", "public_key"])
        let options = try JSONSerialization.data(withJSONObject: try #require(body["public_key"]))
        return (try #require(body["challenge_id"] as? String), try JSONDecoder().decode(T.self, from: options))
    }

    struct Registration: Encodable {
        var challenge_id: String
        var credential: RegistrationResponseJSON
        var name: String?
    }

    struct Assertion: Encodable {
        var challenge_id: String
        var credential: AuthenticationResponseJSON
    }

    struct MFAAnswer: Encodable {
        var token_id: String
        var method = "passkey"
        var credential: AuthenticationResponseJSON
    }

    struct Empty: Encodable {}

    /// Registers `authenticator`'s credential for the user of `token`; returns the answer.
    static func register(
        _ client: any TestClientProtocol, token: String, _ authenticator: inout TestAuthenticator, name: String? = "Laptop",
        edit: (inout RegistrationResponseJSON) -> Void = { _ in }
    ) async throws -> TestResponse {
        let started = try await client.send(.post, auth + "/passkeys/register/options", token: token)
        let (challengeID, options) = try publicKey(started, as: PublicKeyCredentialCreationOptionsJSON.self)
        var credential = authenticator.register(options)
        edit(&credential)
        return try await post(client, "/passkeys/register", Registration(challenge_id: challengeID, credential: credential, name: name), token: token)
    }

    /// A discoverable sign-in; returns the answer.
    static func signIn(_ client: any TestClientProtocol, _ authenticator: inout TestAuthenticator) async throws -> TestResponse {
        let started = try await client.send(.post, auth + "/sign-in/passkey/options")
        let (challengeID, options) = try publicKey(started, as: PublicKeyCredentialRequestOptionsJSON.self)
        return try await post(client, "/sign-in/passkey", Assertion(challenge_id: challengeID, credential: authenticator.assert(options)))
    }

    /// Register, list, sign in without an address, rename, export, delete: what a user replacing
    /// a password with a passkey does.
    static func endToEnd(_ h: HTTPHarness) async throws {
        try await h.test { client in
            let first = try await client.registered(h)
            var authenticator = TestAuthenticator()
            let registered = try await register(client, token: first, &authenticator)
            #expect(registered.status == .ok)
            #expect(registered.headers[.cacheControl] == "no-store")
            let created = try registered.object()
            #expect(Set(created.keys) == ["id", "name", "created_at", "recovery_codes"])
            #expect(created["name"] as? String == "Laptop")
            let id = try #require(created["id"] as? String)

            let listed = try await client.send(.get, auth + "/passkeys", token: first)
            let passkeys = try #require(try listed.object()["passkeys"] as? [[String: Any]])
            #expect(passkeys.map { $0["id"] as? String } == [id])
            #expect(Set(passkeys[0].keys) == ["id", "name", "created_at", "last_used_at", "backed_up", "transports"])

            let signedIn = try await signIn(client, &authenticator)
            #expect(signedIn.status == .ok)
            let token = try #require(try signedIn.object()["token"] as? String)
            let me = try await client.send(.get, auth + "/me", token: token).object()
            #expect((me["session"] as? [String: Any])?["aal"] as? Int == 2)
            #expect((me["user"] as? [String: Any])?["email"] as? String == "ada@example.com")

            let renamed = try await client.send(.patch, auth + "/passkeys/\(id)", json: ["name": "Work laptop"], token: token)
            #expect(try renamed.object()["name"] as? String == "Work laptop")
            #expect(try renamed.object()["last_used_at"] as? String != nil)

            let exported = try await client.send(.get, auth + "/me/export", token: token).object()
            let methods = (exported["second_factors"] as? [String: Any])?["methods"] as? [[String: Any]]
            #expect(methods?.contains { $0["type"] as? String == "passkey" && $0["name"] as? String == "Work laptop" } == true)

            let removed = try await client.send(.delete, auth + "/passkeys/\(id)", token: token)
            #expect(removed.status == .ok)
            let after = try await client.send(.get, auth + "/passkeys", token: token)
            #expect((try after.object()["passkeys"] as? [Any])?.isEmpty == true)
            let gone = try await signIn(client, &authenticator)
            try gone.expectProblem(.badRequest, "invalid_credential")
        }
    }

    @Test func registerSignInRenameAndRemoveInMemory() async throws {
        try await Self.endToEnd(try await HTTPHarness())
    }

    @Test(.enabled(if: PostgresSchema.isEnabled))
    func registerSignInRenameAndRemoveOnPostgreSQL() async throws {
        try await PostgresSchema.with { stores in try await Self.endToEnd(try await HTTPHarness(stores: stores)) }
    }

    /// A password, then the passkey as the second factor.
    static func secondFactor(_ h: HTTPHarness) async throws {
        try await h.test { client in
            let first = try await client.registered(h)
            var authenticator = TestAuthenticator()
            #expect(try await register(client, token: first, &authenticator).status == .ok)
            let password = try await client.send(
                .post, auth + "/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(password.status == .unauthorized)
            let challenge = try password.object()
            #expect(challenge["error"] as? String == "mfa_required")
            #expect(challenge["methods"] as? [String] == ["passkey", "recovery_code"])
            let tokenID = try #require(challenge["verification_id"] as? String)
            let started = try await client.send(.post, auth + "/sign-in/mfa/passkey/options", json: ["token_id": tokenID])
            let (_, options) = try publicKey(started, as: PublicKeyCredentialRequestOptionsJSON.self)
            #expect(options.allowCredentials.map(\.id) == [authenticator.credentialIDText])
            authenticator.knobs.userVerified = false
            let answered = try await post(client, "/sign-in/mfa", MFAAnswer(token_id: tokenID, credential: authenticator.assert(options)))
            #expect(answered.status == .ok)
            let token = try #require(try answered.object()["token"] as? String)
            let me = try await client.send(.get, auth + "/me", token: token).object()
            #expect((me["session"] as? [String: Any])?["amr"] as? [String] == ["pwd", "hwk", "mfa"])
        }
    }

    @Test func aPasskeyIsTheSecondFactorAfterAPasswordInMemory() async throws {
        try await Self.secondFactor(try await HTTPHarness())
    }

    @Test(.enabled(if: PostgresSchema.isEnabled))
    func aPasskeyIsTheSecondFactorAfterAPasswordOnPostgreSQL() async throws {
        try await PostgresSchema.with { stores in try await Self.secondFactor(try await HTTPHarness(stores: stores)) }
    }

    struct Reauthentication: Encodable {
        var method = "passkey"
        var credential: AuthenticationResponseJSON
    }

    @Test func aPasskeyStepsTheSessionUpSoASecondOneCanBeAdded() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            var phone = TestAuthenticator()
            #expect(try await Self.register(client, token: token, &phone).status == .ok)
            // The account now has a second factor: one more passkey needs the session at aal 2.
            var key = TestAuthenticator()
            try await client.send(.post, Self.auth + "/passkeys/register/options", token: token)
                .expectProblem(.forbidden, "reauthentication_required")
            let started = try await client.send(.post, Self.auth + "/reauthenticate/passkey/options", token: token)
            let (_, options) = try Self.publicKey(started, as: PublicKeyCredentialRequestOptionsJSON.self)
            #expect(options.userVerification == "required")
            let stepped = try await Self.post(client, "/reauthenticate", Reauthentication(credential: phone.assert(options)), token: token)
            #expect(stepped.status == .ok)
            let me = try await client.send(.get, Self.auth + "/me", token: token).object()
            #expect((me["session"] as? [String: Any])?["aal"] as? Int == 2)
            let second = try await Self.register(client, token: token, &key, name: "Security key")
            #expect(second.status == .ok)
            // Not the first second factor: no new recovery codes.
            #expect(try second.object()["recovery_codes"] == nil)
        }
    }

    @Test func anMFAAnswerNeedsACodeOrACredential() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let answer = try await client.send(.post, Self.auth + "/sign-in/mfa", json: ["token_id": UUID().uuidString])
            try answer.expectProblem(.badRequest, "invalid_request")
        }
    }

    @Test func truncatedCBORIsAClear400() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            var authenticator = TestAuthenticator()
            let answer = try await Self.register(client, token: token, &authenticator) { credential in
                let bytes = TestBase64URL.decode(credential.response.attestationObject) ?? []
                credential.response.attestationObject = TestBase64URL.encode(bytes.prefix(bytes.count / 2))
            }
            let problem = try answer.expectProblem(.badRequest, "invalid_credential")
            #expect(problem["detail"] as? String == "the passkey response is malformed")
        }
    }

    @Test func deeplyNestedCBORIsAClear400() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            var authenticator = TestAuthenticator()
            let answer = try await Self.register(client, token: token, &authenticator) { credential in
                credential.response.attestationObject = TestBase64URL.encode(Array(repeating: UInt8(0x81), count: 20_000) + [0])
            }
            try answer.expectProblem(.badRequest, "invalid_credential")
        }
    }

    @Test func aWrongOriginAtSignInIsA400() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            var authenticator = TestAuthenticator()
            #expect(try await Self.register(client, token: token, &authenticator).status == .ok)
            authenticator.knobs.origin = "https://phish.example"
            let problem = try await Self.signIn(client, &authenticator).expectProblem(.badRequest, "invalid_credential")
            #expect((problem["detail"] as? String)?.contains("origin") == true)
        }
    }

    @Test func aDuplicateCredentialIsA409() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            var shared = TestAuthenticator()
            let ada = try await client.registered(h, "ada@example.com")
            #expect(try await Self.register(client, token: ada, &shared).status == .ok)
            let bob = try await client.registered(h, "bob@example.com")
            try await Self.register(client, token: bob, &shared).expectProblem(.conflict, "conflict")
        }
    }

    @Test func malformedCredentialsAreInvalidRequests() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let options = try await client.send(.post, Self.auth + "/sign-in/passkey/options", json: [:])
            let (challengeID, _) = try Self.publicKey(options, as: PublicKeyCredentialRequestOptionsJSON.self)
            let missing = try await client.send(.post, Self.auth + "/sign-in/passkey", json: ["challenge_id": challengeID, "credential": ["id": "x"] as [String: any Sendable]])
            try missing.expectProblem(.badRequest, "invalid_request")
            let garbage = try await client.send(.post, Self.auth + "/sign-in/passkey", json: [
                "challenge_id": challengeID,
                "credential": ["id": "!!", "rawId": "!!", "type": "public-key", "response": [
                    "clientDataJSON": "%%%", "authenticatorData": "", "signature": "",
                ] as [String: any Sendable]] as [String: any Sendable],
            ])
            try garbage.expectProblem(.badRequest, "invalid_credential")
        }
    }

    @Test func registrationNeedsAToken() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            try await client.send(.post, Self.auth + "/passkeys/register/options").expectProblem(.unauthorized, "unauthorized")
            try await client.send(.get, Self.auth + "/passkeys").expectProblem(.unauthorized, "unauthorized")
        }
    }

    @Test func anAddressWithoutPasskeysGetsOptionsLikeAnyOther() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let answer = try await client.send(.post, Self.auth + "/sign-in/passkey/options", json: ["email": "nobody@example.com"])
            let (_, options) = try Self.publicKey(answer, as: PublicKeyCredentialRequestOptionsJSON.self)
            #expect(options.allowCredentials.count == 1)
            #expect(options.rpId == "localhost")
            #expect(answer.headers[.cacheControl] == "no-store")
        }
    }

    @Test func deletingTheAccountRemovesItsPasskeys() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let first = try await client.registered(h)
            var authenticator = TestAuthenticator()
            #expect(try await Self.register(client, token: first, &authenticator).status == .ok)
            let token = try #require(try await Self.signIn(client, &authenticator).object()["token"] as? String)
            #expect(try await client.send(.delete, Self.auth + "/me", token: token).status == .ok)
            #expect(try await h.dependencies.passkeys.passkey(credentialID: authenticator.credentialID) == nil)
        }
    }
}
