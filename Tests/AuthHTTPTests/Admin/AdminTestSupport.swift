import AuthCore
import AuthHTTP
import Foundation
import HummingbirdTesting
import Testing

/// Admins for the admin API and page tests: `admin@example.com` is in `ADMIN_EMAILS`.
enum AdminTestSupport {
    static let adminEmail = "admin@example.com"
    static let password = "correct horse battery"

    static var configuration: AuthConfiguration {
        var c = AuthConfiguration()
        c.adminEmails = [EmailAddress(normalized: adminEmail)]
        return c
    }

    /// An admin session at `aal` 2: registers the admin, adds an authenticator app, and signs in
    /// again with password and app code. Returns the aal 2 token and the aal 1 one.
    static func admin(
        _ h: HTTPHarness, _ client: any TestClientProtocol, email adminEmail: String = adminEmail
    ) async throws -> (aal2: String, aal1: String) {
        let first = try await client.registered(h, adminEmail, password: password)
        let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: first, clock: { h.clock.now })
        h.clock.advance(by: .seconds(30))  // the confirmation used this time step; a step counts once
        let gated = try await TOTPRoutesTests.gatedSignIn(client, email: adminEmail)
        let done = try await client.send(
            .post, "/api/v1/auth/sign-in/mfa",
            json: ["token_id": gated["verification_id"] as? String ?? "", "code": app.code(at: h.clock.now), "method": "totp"])
        #expect(done.status == .ok)
        return (try #require(try done.object()["token"] as? String), first)
    }

    /// Signs `email` in with its password; returns the token.
    static func signIn(_ client: any TestClientProtocol, _ email: String, headers: [String: String] = [:]) async throws -> String {
        var fields = HTTPFieldsBuilder.fields(headers)
        fields[.contentType] = nil
        let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": password], headers: fields)
        #expect(r.status == .ok)
        return try #require(try r.object()["token"] as? String)
    }

    /// The id of the user of `token`.
    static func userID(_ client: any TestClientProtocol, token: String) async throws -> String {
        let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()
        return try #require((me["user"] as? [String: Any])?["id"] as? String)
    }
}

import HTTPTypes

enum HTTPFieldsBuilder {
    static func fields(_ headers: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers { if let n = HTTPField.Name(name) { fields[n] = value } }
        return fields
    }
}
