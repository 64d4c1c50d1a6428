@testable import AuthHTTP
import AuthCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("client names, user agents and the live client IP")
struct ClientMetadataTests {
    @Test(arguments: [
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on macOS"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Edge 131 on Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Linux"),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36", "Chrome 131 on Android"),
        ("curl/8.5.0", "curl/8.5.0"),
        ("", ""),
    ])
    func userAgentShortNames(ua: String, expected: String) {
        #expect(UserAgentName.shortName(ua) == expected)
    }

    @Test func unknownLongAgentsAreTruncated() {
        #expect(UserAgentName.shortName(String(repeating: "x", count: 500)).count == UserAgentName.maximumLength)
    }

    @Test func xClientMustBeShortAndPlain() {
        #expect(ClientMetadataMiddleware.sanitizedClient("web") == "web")
        #expect(ClientMetadataMiddleware.sanitizedClient(" ios ") == "ios")
        #expect(ClientMetadataMiddleware.sanitizedClient("My App (iOS) 2.1") == "My App (iOS) 2.1")
        #expect(ClientMetadataMiddleware.sanitizedClient("") == nil)
        #expect(ClientMetadataMiddleware.sanitizedClient(String(repeating: "a", count: 65)) == nil)
        #expect(ClientMetadataMiddleware.sanitizedClient("<script>") == nil)
        #expect(ClientMetadataMiddleware.sanitizedClient("naïve") == nil)
    }

    @Test func rawUserAgentIsCutAt512BytesOnACharacterBoundary() {
        let cut = ClientMetadataMiddleware.truncated(String(repeating: "é", count: 400), bytes: 512)
        #expect(cut.utf8.count == 512)
        #expect(cut.count == 256)
    }

    @Test func liveSocketAddressIsUsedAndForwardedForIgnoredFromUntrustedPeers() async throws {
        let h = try await HTTPHarness()
        try await h.testLive { client in
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.7"]
            let token = try await client.registered(h, headers: headers)
            let session = try await client.send(.get, "/api/v1/auth/me", token: token).object()["session"] as? [String: Any]
            #expect(session?["ip"] as? String == "127.0.0.1")
        }
    }

    @Test func liveForwardedForIsBelievedFromATrustedProxy() async throws {
        var settings = AuthApplication.Settings()
        settings.trustedProxies = try IPNetwork.parseList("127.0.0.0/8,::1").get()
        let h = try await HTTPHarness(settings: settings)
        try await h.testLive { client in
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "6.6.6.6, 198.51.100.7"]
            let token = try await client.registered(h, headers: headers)
            let session = try await client.send(.get, "/api/v1/auth/me", token: token).object()["session"] as? [String: Any]
            #expect(session?["ip"] as? String == "198.51.100.7")
        }
    }
}
