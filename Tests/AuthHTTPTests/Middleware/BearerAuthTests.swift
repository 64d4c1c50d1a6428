import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("bearer authentication: every failure is the same 401")
struct BearerAuthTests {
    static func base64URL(_ s: String) -> String {
        Data(s.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Sends `authorization` to /me and returns the problem body minus nothing: bodies must be equal.
    static func refusal(_ client: any TestClientProtocol, _ authorization: String?) async throws -> [String: String] {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        let r = try await client.executeRequest(uri: "/api/v1/auth/me", method: .get, headers: headers, body: nil)
        let body = try r.expectProblem(.unauthorized, "unauthorized")
        #expect(r.headers[.wwwAuthenticate] == "Bearer")
        return body.compactMapValues { "\($0)" }
    }

    @Test func missingMalformedForgedAlgNoneExpiredAndRevokedTokensAllGetTheSameBody() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let parts = token.split(separator: ".").map(String.init)
            // Another service with another secret mints a structurally perfect token: forged.
            let other = try await AuthService(
                dependencies: h.dependencies, jwtSecret: Array(repeating: 1, count: 32), codeKey: Array(repeating: 9, count: 32))
            let forged = try await other.signIn(email: "ada@example.com", password: "correct horse battery", client: .init())
            guard case .signedIn(let forgedSession) = forged else { Issue.record("expected a session"); return }
            let algNone = "\(Self.base64URL(#"{"alg":"none","typ":"JWT"}"#)).\(parts[1])."
            // Change the signature's first character, whose six bits all count (the last one's low
            // bits are padding), to one it is not.
            let tampered = "\(parts[0]).\(parts[1]).\(parts[2].hasPrefix("A") ? "B" : "A")\(parts[2].dropFirst())"

            var bodies: [[String: String]] = []
            bodies.append(try await Self.refusal(client, nil))
            bodies.append(try await Self.refusal(client, "Basic YWRhOnB3"))
            bodies.append(try await Self.refusal(client, "Bearer"))
            bodies.append(try await Self.refusal(client, "Bearer not.a.jwt"))
            bodies.append(try await Self.refusal(client, "Bearer \(forgedSession.token)"))
            bodies.append(try await Self.refusal(client, "Bearer \(algNone)"))
            bodies.append(try await Self.refusal(client, "Bearer \(tampered)"))

            // Revoked: log out, then reuse.
            #expect(try await client.send(.delete, "/api/v1/auth/logout", token: token).status == .ok)
            bodies.append(try await Self.refusal(client, "Bearer \(token)"))

            // Expired: a fresh session, then eight days pass.
            let fresh = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .object()["token"] as? String ?? ""
            #expect(try await client.send(.get, "/api/v1/auth/me", token: fresh).status == .ok)
            h.clock.advance(by: .seconds(8 * 86_400))
            bodies.append(try await Self.refusal(client, "Bearer \(fresh)"))

            #expect(bodies.count == 9)
            #expect(Set(bodies).count == 1, "every refusal must be byte-for-byte the same body")
        }
    }

    @Test func everyAuthenticatedRouteRequiresAToken() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "me"), (.get, "me/all"), (.delete, "logout"), (.delete, "logout/all"),
                (.patch, "enable/mfa"), (.patch, "disable/mfa"),
            ]
            for (method, path) in routes {
                try await client.send(method, "/api/v1/auth/\(path)").expectProblem(.unauthorized, "unauthorized")
            }
        }
    }
}
