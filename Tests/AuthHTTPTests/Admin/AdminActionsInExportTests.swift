import AuthCore
import AuthHTTP
import Foundation
import HummingbirdTesting
import Testing

/// What a user sees about themselves never shows the admin behind an action on their account.
@Suite("admin actions in a user's export")
struct AdminActionsInExportTests {
    @Test func anAdminsBanShowsAsByAnAdministratorWithoutTheirAddressOrClient() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let bob = try await client.registered(h, "bob@example.com")
            let bobID = try await AdminTestSupport.userID(client, token: bob)
            let adminHeaders = HTTPFieldsBuilder.fields(["X-Forwarded-For": "198.51.100.99", "X-Client": "admin-console"])
            #expect(try await client.send(.post, "/api/v1/admin/users/\(bobID)/ban", token: admin, headers: adminHeaders).status == .ok)
            #expect(try await client.send(.post, "/api/v1/admin/users/\(bobID)/unban", token: admin, headers: adminHeaders).status == .ok)
            let again = try await AdminTestSupport.signIn(client, "bob@example.com")

            let export = try await client.send(.get, "/api/v1/auth/me/export", token: again).object()
            let events = try #require(export["events"] as? [[String: Any]])
            let byAdmin = events.filter { ["user_banned", "user_unbanned"].contains($0["kind"] as? String) }
            #expect(byAdmin.count == 2)
            for event in byAdmin {
                #expect(event["client"] as? String == "an administrator")
                #expect(event["ip"] as? String == "")
                #expect(event["location"] as? String == "")
            }
            // Bob's own sign-in keeps his own client.
            #expect(events.contains { $0["kind"] as? String == "sign_in_succeeded" && $0["client"] as? String != "an administrator" })
        }
    }
}
