import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `GET /.well-known/jwks.json` and `POST /introspect` (docs/tokens.md).
@Suite("JWKS and introspection")
struct TokenRoutesTests {
    static let client = IntrospectionClient(id: "billing", secret: "billing-secret-0123456789")

    static func harness(_ algorithm: TokenAlgorithm = .es256) async throws -> HTTPHarness {
        var settings = AuthApplication.Settings()
        settings.introspectionClients = [client]
        return try await HTTPHarness(settings: settings, tokenAlgorithm: algorithm)
    }

    static func basic(_ id: String, _ secret: String) -> String {
        "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
    }

    static func introspect(_ client: any TestClientProtocol, _ body: String, authorization: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let authorization { headers[.authorization] = authorization }
        return try await client.executeRequest(
            uri: "/api/v1/auth/introspect", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func theJWKSPublishesTheKeysWithCacheHeadersAndAnETag() async throws {
        let h = try await Self.harness()
        try await h.test { client in
            let token = try await client.registered(h)
            let r = try await client.send(.get, "/.well-known/jwks.json")
            #expect(r.status == .ok)
            #expect(r.headers[.cacheControl] == "public, max-age=300")
            #expect(r.headers[.contentType] == "application/jwk-set+json")
            let keys = try #require(try r.object()["keys"] as? [[String: String]])
            #expect(keys.count == 2)
            #expect(keys.allSatisfy { $0["kty"] == "EC" && $0["crv"] == "P-256" && $0["alg"] == "ES256" && $0["use"] == "sig" })
            #expect(keys.allSatisfy { $0["d"] == nil })  // never a private part
            // The token names one of them.
            let header = try TOTPRoutesTests.claims("x." + String(token.split(separator: ".")[0]) + ".y")
            #expect(keys.contains { $0["kid"] == header["kid"] as? String })
            let tag = try #require(r.headers[.eTag])
            let again = try await client.executeRequest(
                uri: "/.well-known/jwks.json", method: .get, headers: [.ifNoneMatch: tag], body: nil)
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }

    @Test func withHS256TheJWKSIsEmpty() async throws {
        let h = try await Self.harness(.hs256)
        try await h.test { client in
            let keys = try await client.send(.get, "/.well-known/jwks.json").object()["keys"] as? [Any]
            #expect(keys?.isEmpty == true)
        }
    }

    @Test func introspectionAnswersActiveForALiveSessionAndInactiveOnceRevoked() async throws {
        let h = try await Self.harness()
        try await h.test { client in
            let token = try await client.registered(h)
            let auth = Self.basic(Self.client.id, Self.client.secret)
            let live = try await Self.introspect(client, "token=\(token)", authorization: auth)
            #expect(live.status == .ok)
            #expect(live.headers[.cacheControl] == "no-store")
            let body = try live.object()
            #expect(body["active"] as? Bool == true)
            #expect(body["aal"] as? Int == 1)
            #expect(body["amr"] as? [String] == ["pwd", "email"])
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["sub"] as? String != nil && body["sid"] as? String != nil && body["exp"] as? Int != nil)

            #expect(try await client.send(.delete, "/api/v1/auth/logout", token: token).status == .ok)
            for refused in [token, "garbage", token + "x"] {
                let r = try await Self.introspect(client, "token=\(refused)&token_type_hint=access_token", authorization: auth)
                #expect(r.status == .ok)
                #expect(Set(try r.object().keys) == ["active"])
                #expect(try r.object()["active"] as? Bool == false)
            }
        }
    }

    @Test func introspectionRefusesUnknownClientsAndMalformedForms() async throws {
        let h = try await Self.harness()
        try await h.test { client in
            for authorization in [nil, Self.basic(Self.client.id, "wrong-secret-0123456789"), Self.basic("nobody", Self.client.secret), "Bearer x", "Basic !!!"] {
                let r = try await Self.introspect(client, "token=abc", authorization: authorization)
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate] == "Basic realm=\"introspection\"")
            }
            let auth = Self.basic(Self.client.id, Self.client.secret)
            #expect(try await Self.introspect(client, "", authorization: auth).status == .badRequest)
            #expect(try await Self.introspect(client, "token=%zz", authorization: auth).status == .badRequest)
            let json = try await client.executeRequest(
                uri: "/api/v1/auth/introspect", method: .post,
                headers: [.contentType: "application/json", .authorization: auth], body: ByteBuffer(string: #"{"token":"x"}"#))
            #expect(json.status == .badRequest)
            #expect(try json.object()["error"] as? String == "invalid_request")
        }
    }
}
