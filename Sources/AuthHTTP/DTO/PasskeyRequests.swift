import AuthCore
import Foundation

/// `{challenge_id, credential, name?}`: finish adding a passkey; `credential` is what
/// `PublicKeyCredential.toJSON()` gave after `navigator.credentials.create()`.
struct PasskeyRegistrationRequest: Decodable, Sendable {
    var challengeID: String
    var credential: RegistrationResponseJSON
    var name: String?

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case credential, name
    }
}

/// `{challenge_id, credential, next?}`: sign in with a passkey; `credential` is what
/// `PublicKeyCredential.toJSON()` gave after `navigator.credentials.get()`. `next` is read on the
/// pages only (where the browser goes afterwards); the JSON API ignores it.
struct PasskeySignInRequest: Decodable, Sendable {
    var challengeID: String
    var credential: AuthenticationResponseJSON
    var next: String?

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case credential, next
    }
}

/// `{email?}`: options for a passkey sign-in (no address: a discoverable credential).
struct PasskeySignInOptionsRequest: Decodable, Sendable {
    var email: String?
}

/// `{token_id}`: options for the passkey second factor of an open MFA challenge.
struct PasskeySecondFactorOptionsRequest: Decodable, Sendable {
    var tokenID: String

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
    }
}

/// `{name}`: rename a passkey.
struct PasskeyRenameRequest: Decodable, Sendable {
    var name: String
}

enum PasskeyRequests {
    /// An assertion as the text the second-factor seam takes.
    static func text(_ credential: AuthenticationResponseJSON) throws -> String {
        String(decoding: try JSONEncoder().encode(credential), as: UTF8.self)
    }
}

extension PasskeyID {
    /// Parses a passkey id of a path; anything else names no passkey.
    static func fromRequest(_ text: some StringProtocol) throws -> PasskeyID {
        guard let id = PasskeyID(uuidString: String(text)) else { throw AuthError(.notFound, "no such passkey") }
        return id
    }
}
