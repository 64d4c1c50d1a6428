import AuthCore
import AuthTesting
import Foundation
import Testing

/// What an outside review found by attacking the release build, tried again against the binary on
/// the embedded default: a passkey that signs in alone, a step-up that never expires, and a resend
/// that loses the password. The slow bodies are in ``HostileNetworkTests``.
@Suite("account protection, black box", .serialized)
struct AccountProtectionBinaryTests {
    static let password = "correct horse battery"

    static func start(_ environment: [String: String] = [:]) async throws -> (AuthdProcess, RawHTTPClient) {
        let authd = try AuthdProcess(
            arguments: ["serve"],
            environment: environment.merging([
                "PORT": "0", "HOST": "127.0.0.1", "RATE_LIMIT": "100/60s", "WEBAUTHN_RP_ID": "localhost",
                "WEBAUTHN_ORIGINS": "http://localhost:8080",
            ]) { a, _ in a })
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        return (authd, RawHTTPClient(port: port))
    }

    /// The code of the newest mail authd logged, once there are more than `before` codes.
    static func nextCode(_ authd: AuthdProcess, after before: Int) async throws -> String {
        for _ in 0..<600 where authd.loggedCodes.count <= before { try await Task.sleep(for: .milliseconds(50)) }
        return try #require(authd.loggedCodes.count > before ? authd.loggedCodes.last : nil, "no code was logged")
    }

    /// Signs up and verifies `email`; returns the session's token.
    static func registered(_ authd: AuthdProcess, _ http: RawHTTPClient, _ email: String) async throws -> String {
        let before = authd.loggedCodes.count
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": password])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        let code = try await nextCode(authd, after: before)
        let verified = try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code])
        return try #require(try verified.object()["token"] as? String)
    }

    @Test func aSecurityKeyWithoutUserVerificationSignsNobodyIn() async throws {
        let (authd, http) = try await Self.start()
        defer { _ = authd.terminate() }
        let token = try await Self.registered(authd, http, "key@example.com")
        // A security key without a PIN: presence only.
        var key = TestAuthenticator()
        key.knobs.userVerified = false
        #expect(try PasskeyBinaryTests.register(&key, token: token, options: http, finish: http, name: "Key").status == 200)

        // Whoever found the key tries it alone, with and without the address.
        for body in [[:], ["email": "key@example.com"]] as [[String: Any]] {
            let (challenge, options) = try PasskeyBinaryTests.options(
                try http.request("POST", "/api/v1/auth/sign-in/passkey/options", json: body),
                as: PublicKeyCredentialRequestOptionsJSON.self)
            #expect(options.userVerification == "required")
            let codesBefore = authd.loggedCodes.count
            let answer = try http.request(
                "POST", "/api/v1/auth/sign-in/passkey",
                json: ["challenge_id": challenge, "credential": try PasskeyBinaryTests.json(key.assert(options))])
            #expect(answer.status == 400)
            let refusal = try answer.object()
            #expect(refusal["error"] as? String == "invalid_credential")
            #expect(refusal["token"] == nil)
            #expect(authd.loggedCodes.count == codesBefore)  // no second-factor challenge was mailed
        }

        // After the password, the same key is the second factor.
        let password = try http.request(
            "POST", "/api/v1/auth/sign-in/credentials", json: ["email": "key@example.com", "password": Self.password])
        #expect(password.status == 401)
        let tokenID = try #require(try password.object()["verification_id"] as? String)
        let (_, options) = try PasskeyBinaryTests.options(
            try http.request("POST", "/api/v1/auth/sign-in/mfa/passkey/options", json: ["token_id": tokenID]),
            as: PublicKeyCredentialRequestOptionsJSON.self)
        let second = try http.request(
            "POST", "/api/v1/auth/sign-in/mfa",
            json: ["token_id": tokenID, "method": "passkey", "credential": try PasskeyBinaryTests.json(key.assert(options))])
        #expect(second.status == 200)
    }

    @Test func aPhishedPasswordAfterTheWindowCannotRemoveTheAppOrMoveTheAddress() async throws {
        // A short window stands in for the 10 minutes of the default.
        let (authd, http) = try await Self.start(["REAUTHENTICATION_WINDOW": "5"])
        defer { _ = authd.terminate() }
        let enrolling = try await Self.registered(authd, http, "app@example.com")
        let started = try http.request("POST", "/api/v1/auth/mfa/totp", token: enrolling).object()
        let authenticatorID = try #require(started["id"] as? String)
        let secret = try #require(started["secret"] as? String)
        let app = try #require(TOTP(base32Secret: secret))
        let confirmed = try http.request(
            "POST", "/api/v1/auth/mfa/totp/confirm", json: ["id": authenticatorID, "code": app.code(at: Date())],
            token: enrolling)
        #expect(confirmed.status == 200)

        // The owner signs in with the password and the app (the next step's code: the
        // enrolment's is spent), at aal 2.
        let password = try http.request(
            "POST", "/api/v1/auth/sign-in/credentials", json: ["email": "app@example.com", "password": Self.password])
        let tokenID = try #require(try password.object()["verification_id"] as? String)
        let withApp = try http.request(
            "POST", "/api/v1/auth/sign-in/mfa",
            json: ["token_id": tokenID, "method": "totp", "code": app.code(at: Date().addingTimeInterval(30))])
        let stolen = try #require(try withApp.object()["token"] as? String)

        // Past the window, the thief proves the phished password again on the stolen token.
        try await Task.sleep(for: .seconds(6))
        #expect(try http.request("POST", "/api/v1/auth/reauthenticate", json: ["password": Self.password], token: stolen).status == 200)
        let removal = try http.request("DELETE", "/api/v1/auth/mfa/totp/\(authenticatorID)", token: stolen)
        #expect(removal.status == 403)
        #expect(try removal.object()["error"] as? String == "reauthentication_required")
        let move = try http.request("POST", "/api/v1/auth/email", json: ["new_email": "thief@example.com"], token: stolen)
        #expect(move.status == 403)
        #expect(try move.object()["error"] as? String == "reauthentication_required")
        #expect(try http.request("GET", "/api/v1/auth/mfa", token: stolen).object()["mfa_enabled"] as? Bool == true)
    }

    @Test func signUpResendAndTheResentCodeKeepThePasswordChosen() async throws {
        let (authd, http) = try await Self.start()
        defer { _ = authd.terminate() }
        let email = "slow-mail@example.com"
        #expect(try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": Self.password]).status == 201)
        let before = authd.loggedCodes.count
        let resent = try http.request("POST", "/api/v1/auth/resend/verification/email", json: ["email": email])
        let resentID = try #require(try resent.object()["verification_id"] as? String)
        let code = try await Self.nextCode(authd, after: before)
        let verified = try http.request(
            "POST", "/api/v1/auth/verify-email", json: ["token_id": resentID, "code": code, "password": Self.password])
        #expect(verified.status == 200)
        #expect(try verified.object()["password_set"] as? Bool == true)
        let signIn = try http.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": Self.password])
        #expect(signIn.status == 200)
        #expect(try signIn.object()["token"] is String)
    }

    @Test func aResentCodeWithoutAPasswordSaysNoneWasSet() async throws {
        let (authd, http) = try await Self.start()
        defer { _ = authd.terminate() }
        let email = "seed-client@example.com"
        _ = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": Self.password])
        let before = authd.loggedCodes.count
        let resent = try http.request("POST", "/api/v1/auth/resend/verification/email", json: ["email": email])
        let resentID = try #require(try resent.object()["verification_id"] as? String)
        let verified = try http.request(
            "POST", "/api/v1/auth/verify-email", json: ["token_id": resentID, "code": try await Self.nextCode(authd, after: before)])
        #expect(verified.status == 200)
        #expect(try verified.object()["password_set"] as? Bool == false)
    }
}
