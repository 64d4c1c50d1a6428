import AuthCore
import Foundation

/// `{code, state, redirect_uri}`: the seed's OAuth callback body.
///
/// When the provider sent the browser back with `?error=…` instead of a code, clients post
/// `{error, state, redirect_uri}` (the `code` is then absent) so the server can spend the state.
///
/// The same fields also arrive as an `application/x-www-form-urlencoded` form when a provider
/// answers with `response_mode=form_post` (Apple) straight to this route: `redirect_uri` is then
/// absent (the sign-in's own is used), and Apple adds `user` on the first authorisation.
struct OAuthCallbackRequest: Decodable, Sendable {
    var code: String?
    var state: String
    var redirectURI: String?
    var error: String?
    /// The name Apple sends once, on the first authorisation (from the `user` form field).
    var name: OAuthPersonName?

    enum CodingKeys: String, CodingKey {
        case code, state, error
        case redirectURI = "redirect_uri"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        state = try c.decode(String.self, forKey: .state)
        // The seed's JSON body always names the redirect URI.
        redirectURI = try c.decode(String.self, forKey: .redirectURI)
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    /// Reads a `form_post` answer. Its `id_token` is ignored: the identity comes only from the
    /// token exchange, never from what passed through the browser.
    /// - Throws: `invalid_request` without `state`, or with a `user` field that is not Apple's JSON.
    init(form: [String: String]) throws {
        guard let state = form["state"] else { throw AuthError.invalidRequest("missing field state") }
        self.state = state
        code = form["code"]
        error = form["error"]
        redirectURI = form["redirect_uri"]
        name = try form["user"].map(OAuthPersonName.init(appleUserJSON:)) ?? nil
    }
}

/// The person's name as a provider reported it through the browser (Apple's `user` field):
/// unverified, for the app to show; authd keeps no names.
struct OAuthPersonName: Codable, Sendable, Hashable {
    var firstName: String?
    var lastName: String?

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
    }

    private struct AppleUser: Decodable {
        struct Name: Decodable {
            var firstName: String?
            var lastName: String?
        }
        var name: Name?
    }

    /// Parses Apple's `{"name":{"firstName":…,"lastName":…},"email":…}`; `nil` when it has no name.
    /// - Throws: `invalid_request` when it is not that JSON, or a name is unreasonably long.
    init?(appleUserJSON text: String) throws {
        guard text.utf8.count <= 2048, let user = try? JSONDecoder().decode(AppleUser.self, from: Data(text.utf8)) else {
            throw AuthError.invalidRequest("the user field is not the provider's user JSON")
        }
        let first = user.name?.firstName.flatMap(Self.clean), last = user.name?.lastName.flatMap(Self.clean)
        guard first != nil || last != nil else { return nil }
        firstName = first
        lastName = last
    }

    /// Trimmed, without control characters, at most 100 characters; `nil` when empty.
    private static func clean(_ text: String) -> String? {
        let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return kept.isEmpty ? nil : String(kept.prefix(100))
    }
}
