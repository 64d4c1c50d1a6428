@testable import AuthHTTP
import Foundation
import Testing

/// The browser script calls only routes that exist, with the method they take.
@Suite struct PasskeyBrowserScriptTests {
    @Test func everyPathTheScriptPostsToIsARoute() async throws {
        let h = try await HTTPHarness()
        let posts = Set(h.http.buildRouter().routes.filter { $0.method == .post }.map { "\($0.path)" })
        let script = PasskeyBrowserScript.javaScript
        let called = script.matches(of: /call\("(\/[a-z\/-]+)"/).map { String($0.1) }
        #expect(called.count == 8)
        for path in called {
            #expect(posts.contains("/api/v1/auth" + path) || posts.contains("api/v1/auth" + path), "the script posts to \(path), which is not a route")
        }
        #expect(script.contains("parseCreationOptionsFromJSON") && script.contains("toJSON()"))
    }
}
