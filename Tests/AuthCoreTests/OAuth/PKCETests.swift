import AuthCore
import AuthTesting
import Testing

@Suite struct PKCETests {
    /// RFC 7636 appendix B.
    @Test func s256MatchesTheRFCExample() {
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func verifierIs43UnreservedCharactersFromTheRandomSource() {
        let a = PKCE(random: SeededRandomSource(seed: 1)), b = PKCE(random: SeededRandomSource(seed: 2))
        #expect(a.verifier.count == 43 && b.verifier.count == 43)
        #expect(a.verifier != b.verifier)
        #expect(a.verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(a.challenge == PKCE.challenge(for: a.verifier))
    }
}
