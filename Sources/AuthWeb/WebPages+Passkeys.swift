import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// Passkeys on the pages: the account page adds and removes them, the sign-in page signs in with
/// one without an address typed, and the second-factor page accepts one after a password.
///
/// The WebAuthn calls happen in the browser (`/ui/assets/passkeys.js`, ``WebPasskeyScript``), which
/// talks to the JSON routes here with the session cookie. Each is a state-changing POST, so each
/// passes the same Origin check and CSRF token as the forms, the token sent in `X-CSRF-Token`.
extension WebPages {
    func registerPasskeys(on ui: RouterGroup<AuthRequestContext>) {
        ui.post("passkeys/register/options") { request, _ in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let challenge = try await auth.passkeyRegistration.options(try Self.require(visitor))
            return try JSONBody.response(OptionsBody(challengeID: challenge.challengeID, publicKey: challenge.options))
        }
        support.limited(ui, "passkey-register").post("passkeys/register") { request, context in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let signedIn = try Self.require(visitor)
            let body = try await JSONBody.decode(RegistrationBody.self, from: request)
            let (_, codes) = try await auth.passkeyRegistration.finish(
                signedIn, challengeID: body.challengeID, response: body.credential, name: body.name, client: context.client)
            return try JSONBody.response(DoneBody(redirect: "/ui/account?done=passkey_added", recoveryCodes: codes))
        }
        ui.post("account/passkeys/:id/remove") { request, context in
            let visitor = try await visitor(request)
            _ = try await form(request, visitor)
            let signedIn = try Self.require(visitor)
            guard let id = PasskeyID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such passkey")
            }
            do {
                try await auth.passkeys.remove(signedIn, id: id, client: context.client)
            } catch let error as AuthError where error.code == .reauthenticationRequired {
                return try await accountPage(visitor, signedIn, error: Self.reauthenticate, status: .forbidden)
            }
            return PageRenderer.redirect("/ui/account?done=passkey_removed")
        }
        support.limited(ui, "passkey-options").post("sign-in/passkey/options") { request, _ in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let challenge = try await auth.passkeySignIn.options(email: nil)
            return try JSONBody.response(OptionsBody(challengeID: challenge.challengeID, publicKey: challenge.options))
        }
        support.limited(ui, "sign-in-passkey").post("sign-in/passkey") { request, context in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let body = try await JSONBody.decode(AssertionBody.self, from: request)
            // A passkey that did not verify its user (no PIN or biometrics) is refused before any
            // second-factor challenge is opened or mailed; the page then offers the password form.
            let session = try await auth.passkeySignIn.finish(
                challengeID: body.challengeID ?? "", response: body.credential, client: support.client(context))
            return try signedInByScript(session, redirectTo: Self.safeNext(body.next))
        }
        support.limited(ui, "sign-in-mfa").post("sign-in/mfa/passkey/options") { request, _ in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let body = try await JSONBody.decode(AssertionOptionsBody.self, from: request)
            guard let id = VerificationID(uuidString: body.tokenID) else { throw AuthError(.invalidCode, "the code is invalid") }
            let challenge = try await auth.passkeySignIn.secondFactorOptions(id: id)
            return try JSONBody.response(OptionsBody(challengeID: challenge.challengeID, publicKey: challenge.options))
        }
        support.limited(ui, "sign-in-mfa").post("sign-in/mfa/passkey") { request, context in
            let visitor = try await visitor(request)
            try checkScriptCall(request, visitor)
            let body = try await JSONBody.decode(AssertionBody.self, from: request)
            guard let id = body.tokenID.flatMap(VerificationID.init(uuidString:)) else {
                throw AuthError(.invalidCode, "the code is invalid")
            }
            let answer = String(decoding: try JSONEncoder().encode(body.credential), as: UTF8.self)
            let session = try await auth.completeMFASignIn(id: id, code: answer, method: .passkey, client: support.client(context))
            return try signedInByScript(session, redirectTo: Self.safeNext(body.next))
        }
    }

    /// The Origin check and the CSRF token (header `X-CSRF-Token`) of a call from the page script.
    func checkScriptCall(_ request: Request, _ visitor: Visitor) throws {
        try csrf.check(
            request, submitted: request.headers[Self.csrfHeader], seed: visitor.seedIsNew ? nil : visitor.seed,
            session: visitor.auth?.session.id)
    }

    /// Signs the browser in with `signedIn`'s session (the cookie) and tells the script where to go.
    func signedInByScript(_ signedIn: SignedIn, redirectTo location: String) throws -> Response {
        var response = try JSONBody.response(DoneBody(redirect: location, recoveryCodes: nil))
        response.headers[.setCookie] = sessionCookie(signedIn)
        return response
    }

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
}

/// `{challenge_id, public_key}`: what the script hands to `navigator.credentials`.
private struct OptionsBody<Options: Encodable>: Encodable {
    var challengeID: String
    var publicKey: Options

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case publicKey = "public_key"
    }
}

/// `{challenge_id, credential, name}` from the account page.
private struct RegistrationBody: Decodable {
    var challengeID: String
    var credential: RegistrationResponseJSON
    var name: String?

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case credential, name
    }
}

/// `{token_id}`: options for the second factor of an open sign-in.
private struct AssertionOptionsBody: Decodable {
    var tokenID: String

    enum CodingKeys: String, CodingKey { case tokenID = "token_id" }
}

/// `{challenge_id?, token_id?, credential, next?}`: a sign-in assertion (first or second factor).
private struct AssertionBody: Decodable {
    var challengeID: String?
    var tokenID: String?
    var credential: AuthenticationResponseJSON
    var next: String?

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case tokenID = "token_id"
        case credential, next
    }
}

/// `{redirect, recovery_codes?}`: where the script goes next, and codes to show first.
private struct DoneBody: Encodable {
    var redirect: String
    var recoveryCodes: [String]?

    enum CodingKeys: String, CodingKey {
        case redirect
        case recoveryCodes = "recovery_codes"
    }
}
