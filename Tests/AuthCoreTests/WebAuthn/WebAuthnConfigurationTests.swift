import AuthCore
import Testing

/// `WEBAUTHN_RP_ID` and `WEBAUTHN_ORIGINS` are checked the way browsers will check them.
@Suite struct WebAuthnConfigurationTests {
    @Test func theDefaultIsLocalhost() {
        let configuration = WebAuthnConfiguration()
        #expect(configuration.relyingPartyID == "localhost")
        #expect(configuration.origins == ["http://localhost:8080"])
    }

    @Test func originsOnTheRPIDOrASubdomainAreAcceptedAndNormalised() throws {
        let configuration = try WebAuthnConfiguration(
            relyingPartyID: "Example.com",
            origins: ["https://example.com", "https://login.example.com:443/", "https://app.example.com:8443"])
        #expect(configuration.relyingPartyID == "example.com")
        #expect(configuration.origins == ["https://example.com", "https://login.example.com", "https://app.example.com:8443"])
    }

    @Test func anOriginOnAnotherSiteIsRefused() {
        for origin in ["https://example.org", "https://notexample.com", "https://example.com.evil.net"] {
            #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "example.com", origins: [origin]) }
        }
    }

    @Test func plainHTTPIsRefusedExceptOnLocalhost() throws {
        #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "example.com", origins: ["http://example.com"]) }
        _ = try WebAuthnConfiguration(relyingPartyID: "localhost", origins: ["http://localhost:3000"])
    }

    @Test func anRPIDWithASchemeOrPortAndAnOriginWithAPathAreRefused() {
        #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "https://example.com", origins: ["https://example.com"]) }
        #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "example.com:443", origins: ["https://example.com"]) }
        #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "example.com", origins: ["https://example.com/login"]) }
        #expect(throws: AuthError.self) { try WebAuthnConfiguration(relyingPartyID: "example.com", origins: []) }
    }
}
