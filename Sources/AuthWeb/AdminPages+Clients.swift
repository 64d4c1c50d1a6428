import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// `/admin/clients`: the OpenID clients, registering one (its secret shown once), a new secret,
/// and removal (docs/oidc.md).
extension WebPages {
    func registerAdminClients(on admin: RouterGroup<AuthRequestContext>) {
        admin.get("clients") { request, context in
            let (visitor, _) = try await administrator(request, context)
            let notice = request.uri.queryParameters["done"] == "removed" ? "The client is removed; its tokens stop working." : nil
            return try await clientsPage(visitor, notice: notice)
        }
        admin.post("clients") { request, context in
            let (visitor, _) = try await administrator(request, context)
            let form = try await form(request)
            func lines(_ name: String) -> [String] {
                (form[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            do {
                guard let algorithm = TokenAlgorithm(rawValue: form["id_token_alg"] ?? "RS256") else {
                    throw AuthError.invalidRequest("the ID token algorithm must be RS256, ES256 or EdDSA")
                }
                let registered = try await auth.openIDClients.add(.init(
                    name: form["name"] ?? "", redirectURIs: lines("redirect_uris"),
                    postLogoutRedirectURIs: lines("post_logout_redirect_uris"), isPublic: form["public"] == "yes",
                    isFirstParty: form["first_party"] == "yes",
                    idTokenAlgorithm: algorithm))
                return try await clientsPage(visitor, notice: "\(registered.client.name) is registered.", registered: registered)
            } catch let error as AuthError where error.code == .invalidRequest {
                return try await clientsPage(visitor, error: error.publicDetail, status: .badRequest)
            }
        }
        admin.post("clients/:id/rotate-secret") { request, context in
            let (visitor, _) = try await administrator(request, context)
            let registered = try await auth.openIDClients.rotateSecret(of: try context.pathParameter("id"))
            return try await clientsPage(visitor, notice: "\(registered.client.name) has a new secret; the old one stopped working.", registered: registered)
        }
        admin.post("clients/:id/remove") { request, context in
            _ = try await administrator(request, context)
            try await auth.openIDClients.remove(id: try context.pathParameter("id"))
            return PageRenderer.redirect("/admin/clients?done=removed")
        }
    }

    private func clientsPage(
        _ visitor: Visitor, notice: String? = nil, error: String? = nil, registered: RegisteredClient? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values = base(visitor, title: "OpenID clients")
        values["notice"] = notice
        values["error"] = error
        if let registered, let secret = registered.secret {
            values["secret"] = ["name": registered.client.name, "client_id": registered.client.id, "value": secret]
        }
        values["clients"] = try await auth.openIDClients.list().map { client -> [String: Any] in
            [
                "id": client.id, "name": client.name, "public": client.isPublic,
                "kind": (client.isPublic ? "public" : "confidential") + (client.isFirstParty ? ", first-party" : ""),
                "redirect_uris": client.redirectURIs.joined(separator: " "), "algorithm": client.idTokenAlgorithm.rawValue,
                "created": Self.time(client.createdAt),
            ]
        }
        return page("admin_clients", values, for: visitor, status: status)
    }
}
