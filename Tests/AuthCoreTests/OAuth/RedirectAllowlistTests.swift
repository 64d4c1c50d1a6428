import AuthCore
import Testing

@Suite struct RedirectAllowlistTests {
    let list = try! RedirectAllowlist([
        "https://app.example.com/auth/callback", "https://app.example.com/spa/*", "http://localhost:3000/cb",
    ])

    @Test(arguments: [
        "https://app.example.com/auth/callback", "https://APP.example.com/auth/callback", "https://app.example.com:443/auth/callback",
        "https://app.example.com/spa/", "https://app.example.com/spa/deep/page?x=1", "http://localhost:3000/cb",
    ])
    func allowed(_ uri: String) { #expect(list.allows(uri)) }

    @Test(arguments: [
        "https://app.example.com/auth/callback/x", "https://app.example.com/auth/callbackx", "https://app.example.com/auth/callback?x=1",
        "https://app.example.com/spa", "https://app.example.com/spaevil/x", "https://app.example.com/spa/../admin",
        "https://app.example.com/spa/%2e%2e/admin", "https://app.example.com/spa/..%2fadmin", "https://app.example.com/spa/x#frag",
        "http://app.example.com/auth/callback", "https://app.example.com:8443/auth/callback",
        "https://app.example.com.evil.net/auth/callback", "https://app.example.com@evil.net/auth/callback",
        "https://user@app.example.com/auth/callback", "http://localhost:3001/cb", "javascript:alert(1)", "", "/auth/callback",
    ])
    func refused(_ uri: String) { #expect(!list.allows(uri)) }

    @Test(arguments: ["not a url", "ftp://x.example/cb", "https://x.example/a*b", "https://x.example/*?q=1", "https://x.example/cb?x=*"])
    func badEntriesAreRejectedAtConfiguration(_ entry: String) {
        #expect(throws: AuthError.self) { try RedirectAllowlist([entry]) }
    }

    @Test func emptyListAllowsNothing() throws {
        #expect(!(try RedirectAllowlist([])).allows("https://app.example.com/auth/callback"))
    }
}
