@testable import AuthCore
import AuthWebAuthn
import AuthTesting
import Foundation
import Testing

/// A harness user with one registered passkey held by a ``TestAuthenticator``.
struct PasskeyHolder {
    let h: TestHarness
    let email: String
    let session: SignedIn
    var authenticator: TestAuthenticator
    var passkey: Passkey
    var recoveryCodes: [String]?

    init(_ h: TestHarness, email: String = "ada@example.com", authenticator: TestAuthenticator = TestAuthenticator()) async throws {
        self.h = h
        self.email = email
        session = try await h.registered(email)
        self.authenticator = authenticator
        let auth = try await h.auth.authenticate(token: session.token)
        let options = try await h.auth.passkeyRegistration.options(auth)
        let response = self.authenticator.register(options.options)
        (passkey, recoveryCodes) = try await h.auth.passkeyRegistration.finish(
            auth, challengeID: options.challengeID, response: response, name: "Laptop", client: h.client)
    }

    /// A discoverable sign-in (no address typed) with the authenticator as it is now.
    mutating func signIn() async throws -> SignedIn {
        let options = try await h.auth.passkeySignIn.options(email: nil)
        return try await h.auth.passkeySignIn.finish(
            challengeID: options.challengeID, response: authenticator.assert(options.options), client: h.client)
    }

    /// Raises the enrolling session to `aal` 2 by proving the passkey again.
    mutating func stepUp() async throws -> Authenticated {
        let auth = try await h.auth.authenticate(token: session.token)
        let options = try await h.auth.passkeySignIn.reauthenticationOptions(auth)
        try await h.auth.reauthenticate(auth, method: .passkey, code: Self.text(authenticator.assert(options.options)), client: h.client)
        return try await h.auth.authenticate(token: session.token)
    }

    static func text(_ response: AuthenticationResponseJSON) -> String {
        String(decoding: (try? JSONEncoder().encode(response)) ?? Data(), as: UTF8.self)
    }
}

/// Expects a refusal of a passkey response for `failure`.
func expectRefusal(
    _ failure: WebAuthnFailure, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected the passkey response to be refused (\(failure))", sourceLocation: sourceLocation)
    } catch let error as AuthError {
        #expect(error.code == .invalidCredential, sourceLocation: sourceLocation)
        #expect(error.webAuthnFailure == failure, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}
