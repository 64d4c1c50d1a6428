import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// One HTTP surface (docs/architecture.md): the route table of `/ui` and `/admin` holds no handler
/// whose logic is also written for `/api`. The JSON routes the pages' script calls are the API's
/// own handlers (``SharedRoutes``) mounted a second time; every other page route answers a page.
@Suite("web pages: one HTTP surface")
struct PageRouteTableTests {
    struct Route: Hashable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var description: String { "\(method) \(path)" }
    }

    /// The routes of the whole application (the pages included), as the router holds them.
    static func routes() async throws -> [Route] {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        return h.http.buildRouter().routes.map { Route(method: $0.method, path: $0.path.description) }
    }

    /// `route` with the first of `prefixes` it is under taken off (`nil`: under none).
    static func suffix(_ route: Route, under prefixes: [String]) -> Route? {
        for prefix in prefixes where route.path.hasPrefix(prefix + "/") || route.path == prefix {
            return Route(method: route.method, path: String(route.path.dropFirst(prefix.count)))
        }
        return nil
    }

    static let pagePrefixes = ["/ui", "/admin"]
    static let apiPrefixes = ["/api/v1/auth", "/api/v1/admin"]

    /// Page routes at an API route's method and path that answer HTML (a page or a redirect), with
    /// what they share with the API instead of repeating it. A new entry needs a reason.
    static let pagesBesideTheAPI: Set<String> = [
        "POST /sign-in/mfa",  // the typed-code form; the script's passkey answer is the shared handler
        "POST /sign-up",  // the sign-up form: AuthService.signUp, answered with the page that asks for the code
        "GET /users", "GET /users/{id}",  // dashboard views over AdminConsole's reads
        "GET /audit",  // the dashboard's view; its filter is the API's parser (AuditQuery(parameters:))
        // The dashboard's buttons: the admin API's own list (AdminUserAction), answered with a redirect.
        "POST /users/{id}/ban", "POST /users/{id}/unban", "POST /users/{id}/sessions/revoke",
        "POST /users/{id}/reset-mfa", "POST /users/{id}/resend-verification",
        // The OpenID clients: the dashboard's view and its form over OpenIDClientAdministration,
        // answered with the page that shows the new secret once.
        "GET /clients", "POST /clients",
    ]

    @Test func everySharedRouteIsMountedUnderBothSurfaces() async throws {
        let routes = Set(try await Self.routes())
        #expect(SharedRoutes.all.count == 6)
        for shared in SharedRoutes.all {
            let api = Route(method: shared.method, path: RouterPath("/api/v1/auth/" + shared.path).description)
            let page = Route(method: shared.method, path: RouterPath("/ui/" + shared.pagePath).description)
            #expect(routes.contains(api), "\(api) is not mounted")
            #expect(routes.contains(page), "\(page) is not mounted")
        }
        for action in AdminUserAction.all {
            for prefix in ["/api/v1/admin", "/admin"] {
                let route = Route(method: .post, path: RouterPath("\(prefix)/users/:id/\(action.path)").description)
                #expect(routes.contains(route), "\(route) is not mounted")
            }
        }
    }

    @Test func noPageRouteRepeatsAnAPIRoute() async throws {
        let routes = try await Self.routes()
        let api = Set(routes.compactMap { Self.suffix($0, under: Self.apiPrefixes) })
        let shared = Set(SharedRoutes.all.map { Route(method: $0.method, path: RouterPath("/ui/" + $0.pagePath).description) })
        var twins: Set<String> = []
        for route in routes where !shared.contains(route) {
            guard let page = Self.suffix(route, under: Self.pagePrefixes), api.contains(page) else { continue }
            twins.insert(page.description)
        }
        #expect(!twins.isEmpty)  // the comparison sees the dashboard's views beside the admin API
        #expect(twins.subtracting(Self.pagesBesideTheAPI).isEmpty, "page routes beside an API route: \(twins.subtracting(Self.pagesBesideTheAPI).sorted())")
    }

    @Test func thePagesAnswerNoJSONOfTheirOwn() throws {
        // No request or response body type and no JSON answer in AuthWeb: a JSON route under /ui can
        // only be a shared handler. (This file is Tests/AuthHTTPTests/Web/; the sources are ../../../Sources.)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/AuthWeb")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for word in ["JSONBody", "JSONEncoder", "JSONDecoder", "Codable", "Encodable", "Decodable"] {
                #expect(!text.contains(word), "\(file.lastPathComponent) uses \(word)")
            }
        }
    }

    @Test func everyCallOfThePageScriptIsASharedRoute() async throws {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        let script = try await h.test { client in
            String(buffer: try await client.executeRequest(uri: "/ui/assets/passkeys.js", method: .get, headers: [:], body: nil).body)
        }
        let called = Set(script.matches(of: /call\(button, "(\/ui\/[^"]+)"/).map { String($0.1) })
        #expect(called.count == 6)
        #expect(called == Set(SharedRoutes.all.map { "/ui/" + $0.pagePath }))
    }

    @Test func theAuditPageFiltersBySinceWithTheAPIsParser() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, web: WebPagesTests.web)
        try await h.test { client in
            let browser = try await AdminEventsPagesTests.adminBrowser(h, client)
            let rows = /<tr class="event-row"/
            let all = String(buffer: try await browser.get("/admin/audit").body)
            #expect(all.matches(of: rows).count > 0)
            let later = Timestamp.format(h.clock.now.addingTimeInterval(3600))
            let none = try await browser.get("/admin/audit?since=\(later.replacingOccurrences(of: ":", with: "%3A"))")
            #expect(none.status == .ok)
            let html = String(buffer: none.body)
            #expect(html.matches(of: rows).count == 0)
            #expect(html.contains(#"name="since" value="\#(later)""#))
            let earlier = Timestamp.format(h.clock.now.addingTimeInterval(-86_400))
            let some = String(buffer: try await browser.get("/admin/audit?since=\(earlier)").body)
            #expect(some.matches(of: rows).count == all.matches(of: rows).count)
            // A malformed time is the API's 400, as a page.
            let bad = try await browser.get("/admin/audit?since=yesterday")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}
