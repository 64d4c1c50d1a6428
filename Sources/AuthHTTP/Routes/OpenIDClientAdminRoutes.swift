import AuthCore
import Foundation
import Hummingbird

/// The OpenID clients in the admin API (docs/oidc.md), under `/api/v1/admin`: `GET|POST /clients`,
/// `DELETE /clients/{id}`, `POST /clients/{id}/secret`. Like every admin route, each handler
/// first proves the caller an admin with a second factor.
struct OpenIDClientAdminRoutes: Sendable {
    let admin: AdminConsole
    let clients: OpenIDClientAdministration
    let support: RouteSupport

    func register(on group: RouterGroup<AuthRequestContext>) {
        let authed = support.authenticated(group)
        authed.get("clients") { _, context in
            _ = try await authorize(context)
            return try JSONBody.response(OpenIDClientsResponse(clients: try await clients.list().map { OpenIDClientResponse($0) }))
        }
        authed.post("clients") { request, context in
            _ = try await authorize(context)
            let body = try await JSONBody.decode(OpenIDClientRequest.self, from: request)
            var algorithm = TokenAlgorithm.rs256
            if let name = body.idTokenAlgorithm {
                guard let named = TokenAlgorithm(rawValue: name), named != .hs256 else {
                    throw AuthError.invalidRequest("id_token_signed_response_alg must be RS256, ES256 or EdDSA")
                }
                algorithm = named
            }
            let registered = try await clients.add(.init(
                name: body.name, redirectURIs: body.redirectURIs, postLogoutRedirectURIs: body.postLogoutRedirectURIs ?? [],
                isPublic: body.isPublic ?? false, isFirstParty: body.isFirstParty ?? false, idTokenAlgorithm: algorithm))
            return try JSONBody.response(OpenIDClientResponse(registered.client, secret: registered.secret), status: .created)
        }
        authed.delete("clients/:id") { _, context in
            _ = try await authorize(context)
            try await clients.remove(id: try context.pathParameter("id"))
            return try JSONBody.response(SuccessResponse())
        }
        authed.post("clients/:id/secret") { _, context in
            _ = try await authorize(context)
            let registered = try await clients.rotateSecret(of: try context.pathParameter("id"))
            return try JSONBody.response(OpenIDClientResponse(registered.client, secret: registered.secret))
        }
    }

    private func authorize(_ context: AuthRequestContext) async throws -> Administrator {
        try await admin.authorize(try context.requireAuthenticated())
    }
}
