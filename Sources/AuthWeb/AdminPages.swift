import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdCore

/// `/admin/`: the dashboard, over the same ``AdminConsole`` as the admin API, so the page and the
/// API cannot disagree about who may do what. A visitor who is not signed in is sent to sign in;
/// a signed-in non-admin, or an admin whose session did not prove a second factor, gets 403.
extension WebPages {
    func registerAdmin(on admin: RouterGroup<AuthRequestContext>) {
        admin.get("") { request, context in
            let (visitor, administrator) = try await self.administrator(request, context)
            let stats = try await auth.admin.stats(by: administrator)
            var values = base(visitor, title: "Admin")
            values["users"] = stats.counts.users
            values["verified_users"] = stats.counts.verifiedUsers
            values["live_sessions"] = stats.counts.liveSessions
            values["sign_ins"] = stats.counts.signIns
            values["sign_in_failures"] = stats.counts.signInFailures
            if let outbox = stats.outbox { values["outbox"] = ["pending": outbox.pending, "given_up": outbox.givenUp] }
            let activity = try await auth.admin.activity(by: administrator)
            values["activity_chart"] = ActivityChart.svg(activity)
            values["activity_legend"] = ActivityChart.legend(activity)
            values["activity_days"] = ActivityChart.days(activity)
            values["activity_hours"] = ActivityChart.hourRows(activity)
            return page("admin_overview", values, for: visitor)
        }
        admin.get("users") { request, context in
            let (visitor, administrator) = try await self.administrator(request, context)
            let query = request.uri.queryParameters["query"].map(String.init) ?? ""
            let cursor = request.uri.queryParameters["cursor"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let result = try await auth.admin.users(matching: query, cursor: cursor, by: administrator)
            var values = base(visitor, title: "Users")
            values["query"] = query
            var rows: [[String: Any]] = []
            for user in result.items {
                rows.append([
                    "id": user.id.description, "email": user.email.value, "verified": user.isEmailVerified,
                    "mfa": try await auth.admin.mfaEnabled(user), "banned": user.isBanned, "created": Self.time(user.createdAt),
                ])
            }
            values["users"] = rows
            if let next = result.next {
                values["next_href"] = "/admin/users?query=\(Self.percentEncoded(query))&cursor=\(Self.percentEncoded(next))"
            }
            return page("admin_users", values, for: visitor)
        }
        admin.get("users/:id") { request, context in
            let (visitor, administrator) = try await self.administrator(request, context)
            let id = try Self.userID(context)
            let detail = try await auth.admin.user(id, by: administrator)
            var page = base(visitor, title: detail.user.email.value)
            page["notice"] = Self.notice(request)
            page["id"] = id.description
            page["user_id"] = id.description
            page["target_email"] = detail.user.email.value
            page["verified"] = detail.user.isEmailVerified
            page["banned"] = detail.user.isBanned
            page["admin"] = detail.isAdmin
            page["mfa"] = detail.mfaEnabled
            page["factors"] = Array(Set(detail.factors.map(\.method.rawValue))).sorted().joined(separator: ", ")
            page["created"] = Self.time(detail.user.createdAt)
            if !detail.oauthAccounts.isEmpty { page["providers"] = detail.oauthAccounts.map(\.provider).joined(separator: ", ") }
            page["sessions"] = try await auth.admin.sessions(of: id, by: administrator).map(Self.sessionRow)
            return self.page("admin_user", page, for: visitor)
        }
        admin.get("audit") { request, context in
            let (visitor, administrator) = try await self.administrator(request, context)
            let query = try AuditQuery(parameters: request.uri.queryParameters)
            let result = try await auth.admin.auditEvents(query, by: administrator)
            var labels: [UserID: String] = [:]
            for id in Set(result.items.flatMap { [$0.userID, $0.actorID].compactMap { $0 } }) {
                labels[id] = try await auth.admin.userEmail(id, by: administrator) ?? id.description
            }
            var values = base(visitor, title: "Audit log")
            values["user"] = query.user?.description ?? ""
            values["type"] = query.kind?.rawValue ?? ""
            values["since"] = query.since.map(Timestamp.format) ?? ""
            values["types"] = AuditEvent.Kind.allCases.map { ["value": $0.rawValue, "selected": $0 == query.kind] }
            values["events"] = result.items.map { event -> [String: Any] in
                var row: [String: Any] = [
                    "at": Self.time(event.at), "type": event.kind.rawValue, "ip": event.client.ipText,
                    "client": event.client.clientName, "detail": event.detail ?? "",
                ]
                if let user = event.userID {
                    row["user_id"] = user.description
                    row["user_label"] = labels[user] ?? event.email?.value ?? user.description
                } else if let email = event.email {
                    row["detail"] = [email.value, event.detail ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
                }
                if let actor = event.actorID {
                    row["actor_id"] = actor.description
                    row["actor_label"] = labels[actor] ?? actor.description
                }
                return row
            }
            if let next = result.next {
                values["next_href"] = "/admin/audit?user=\(Self.percentEncoded(values["user"] as? String ?? ""))"
                    + "&type=\(Self.percentEncoded(values["type"] as? String ?? ""))"
                    + "&since=\(Self.percentEncoded(values["since"] as? String ?? ""))&cursor=\(Self.percentEncoded(next))"
            }
            return page("admin_audit", values, for: visitor)
        }
        registerAdminActions(on: admin)
        registerAdminWebhooks(on: admin)
        registerAdminClients(on: admin)
    }

    /// The visitor, proven an admin with a second factor.
    /// - Throws: `unauthorized` (sent to sign in) or the 403s of ``AdminConsole/authorize(_:)``.
    func administrator(_ request: Request, _ context: AuthRequestContext) async throws -> (Visitor, Administrator) {
        let visitor = try await visitor(request, context)
        let signedIn = try Self.require(visitor)
        return (visitor, try await auth.admin.authorize(signedIn))
    }

    static func userID(_ context: AuthRequestContext) throws -> UserID {
        guard let id = UserID(uuidString: try context.pathParameter("id")) else { throw AuthError(.notFound, "no such user") }
        return id
    }
}
