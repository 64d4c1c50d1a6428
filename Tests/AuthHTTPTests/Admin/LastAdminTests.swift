import AuthCore
import AuthHTTP
import Foundation
import HummingbirdTesting
import Testing

/// Admin actions never leave the deployment without an admin who can use the dashboard.
@Suite("the last usable admin")
struct LastAdminTests {
    static let other = "second-admin@example.com"

    static var configuration: AuthConfiguration {
        var c = AdminTestSupport.configuration
        c.adminEmails.insert(EmailAddress(normalized: other))
        return c
    }

    /// Two admins at `aal` 2: each one's token and account id.
    static func twoAdmins(
        _ h: HTTPHarness, _ client: any TestClientProtocol
    ) async throws -> (first: String, firstID: String, second: String, secondID: String) {
        let (first, _) = try await AdminTestSupport.admin(h, client)
        let (second, _) = try await AdminTestSupport.admin(h, client, email: other)
        return (
            first, try await AdminTestSupport.userID(client, token: first),
            second, try await AdminTestSupport.userID(client, token: second)
        )
    }

    @Test func twoAdminsBanningEachOtherAtOnceLeaveOneUsableAdmin() async throws {
        let h = try await HTTPHarness(configuration: Self.configuration)
        try await h.test { client in
            let (first, firstID, second, secondID) = try await Self.twoAdmins(h, client)
            async let one = client.send(.post, "/api/v1/admin/users/\(secondID)/ban", token: first)
            async let two = client.send(.post, "/api/v1/admin/users/\(firstID)/ban", token: second)
            let statuses = [try await one.status, try await two.status]
            #expect(statuses.filter { $0 == .ok }.count <= 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .conflict || $0 == .unauthorized }, "\(statuses)")
            // Whoever is left still opens the dashboard.
            let stillAdmin = [
                try await client.send(.get, "/api/v1/admin/stats", token: first).status,
                try await client.send(.get, "/api/v1/admin/stats", token: second).status,
            ]
            #expect(stillAdmin.contains(.ok), "\(stillAdmin)")
        }
    }

    @Test func twoAdminsResettingEachOthersFactorsAtOnceLeaveOneUsableAdmin() async throws {
        let h = try await HTTPHarness(configuration: Self.configuration)
        try await h.test { client in
            let (first, firstID, second, secondID) = try await Self.twoAdmins(h, client)
            async let one = client.send(.post, "/api/v1/admin/users/\(secondID)/reset-mfa", token: first)
            async let two = client.send(.post, "/api/v1/admin/users/\(firstID)/reset-mfa", token: second)
            let statuses = [try await one.status, try await two.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            let stillAdmin = [
                try await client.send(.get, "/api/v1/admin/stats", token: first).status,
                try await client.send(.get, "/api/v1/admin/stats", token: second).status,
            ]
            #expect(stillAdmin.filter { $0 == .ok }.count == 1, "\(stillAdmin)")
        }
    }
}
