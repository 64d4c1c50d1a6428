import AuthCore
import AuthHTTP
import Foundation

/// The OpenID provider the end-to-end tests use: `AUTH_TEST_OIDC_ISSUER`, which `make test`
/// (scripts/test-servers/oidc.sh, oidc-provider-mock) sets.
///
/// Without it the suite is skipped, unless `AUTH_TEST_REQUIRE_SERVERS=1` says the server was
/// expected: then it runs and fails.
enum OIDCTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let issuer = environment["AUTH_TEST_OIDC_ISSUER"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
    static let required = environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"
    static let isEnabled = issuer != nil || required

    struct Missing: Error, CustomStringConvertible {
        var description: String { "AUTH_TEST_REQUIRE_SERVERS=1 but AUTH_TEST_OIDC_ISSUER is not set" }
    }

    /// The issuer, or a thrown error failing the test when it is required but missing.
    static func requireIssuer() throws -> URL {
        guard let issuer else { throw Missing() }
        return issuer
    }

    /// Tells the provider the claims of `sub` (`PUT /users/{sub}`).
    static func setUser(_ sub: String, claims: [String: any Sendable], using fetcher: AsyncHTTPFetcher) async throws {
        let issuer = try requireIssuer()
        let url = issuer.appendingPathComponent("users").appendingPathComponent(sub)
        let body = Array(try JSONSerialization.data(withJSONObject: claims))
        let response = try await fetcher.fetch(
            FetchRequest(method: "PUT", url: url, headers: ["Content-Type": "application/json"], body: body))
        guard response.status == 204 else { throw AuthError(.internal, "PUT /users answered \(response.status)") }
    }

    /// Plays the user at the consent screen `authorizeURL` (the form POST a browser would make):
    /// `sub` signs in, or denies when `deny`. Returns the query of the redirect back to the app.
    static func consent(_ authorizeURL: URL, sub: String, deny: Bool = false, using fetcher: AsyncHTTPFetcher) async throws
        -> [String: String]
    {
        let form = deny ? "action=deny" : "sub=\(sub.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? sub)"
        let response = try await fetcher.fetch(FetchRequest(
            method: "POST", url: authorizeURL, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array(form.utf8)))
        guard response.status == 302, let location = response.headers["location"], let back = URLComponents(string: location)
        else { throw AuthError(.internal, "the provider's form answered \(response.status)") }
        return Dictionary((back.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    }
}
