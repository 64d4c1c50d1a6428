@testable import AuthHTTP
import Testing

/// What counts as a bearer token in an `Authorization` header (RFC 6750 section 2.1): the scheme in
/// any case, blanks around it, and nothing else.
@Suite("bearer token parsing")
struct BearerTokenParsingTests {
    @Test(arguments: [
        ("Bearer abc.def.ghi", "abc.def.ghi"),
        ("bearer abc", "abc"),
        ("BEARER abc", "abc"),
        ("  Bearer \t abc  ", "abc"),
        ("Bearer\tabc", "abc"),
        ("Bearer é.ü", "é.ü"),
    ])
    func tokenIsTheTextAfterTheScheme(_ header: String, _ token: String) {
        #expect(BearerAuthMiddleware.bearerToken(header) == token)
    }

    @Test(arguments: ["", "Bearer", "Bearer ", "Bearer \t ", "Bearerabc", "Basic YWRhOnB3", "Beare abc", "Bearer_abc"])
    func anythingElseIsNoToken(_ header: String) {
        #expect(BearerAuthMiddleware.bearerToken(header) == nil)
    }

    @Test func noHeaderIsNoToken() {
        #expect(BearerAuthMiddleware.bearerToken(nil) == nil)
    }
}
