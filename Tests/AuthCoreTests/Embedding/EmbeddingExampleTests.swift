import AuthCore
import Foundation
import Testing

@Suite struct EmbeddingExampleTests {
    @Test func theDocumentedExampleRuns() async throws {
        let accounts = try await Accounts(secret: Array(repeating: 3, count: 32))
        let id = try await accounts.register(email: "grace@example.com", password: "a long passphrase")
        #expect(try await accounts.dependencies.users.user(id: id)?.isEmailVerified == true)
    }

    @Test func theDocumentedAuthenticatorExampleRuns() async throws {
        let accounts = try await Accounts(secret: Array(repeating: 3, count: 32))
        _ = try await accounts.register(email: "grace@example.com", password: "a long passphrase")
        let first = try await accounts.signIn(email: "grace@example.com", password: "a long passphrase") { "" }
        let enrolment = try await accounts.startAuthenticator(token: first.token)
        let app = try #require(TOTP(base32Secret: enrolment.secret))
        let codes = try await accounts.confirmAuthenticator(token: first.token, id: enrolment.id, code: app.code(at: Date()))
        #expect(codes?.count == 10)
        // The confirming code's time step is spent; sign in with the next one.
        let next = app.code(step: app.step(at: Date()) + 1)
        let second = try await accounts.signIn(email: "grace@example.com", password: "a long passphrase") { next }
        #expect(second.session.aal == 2)
    }

    @Test(arguments: ["EmbeddingExample.swift", "EmbeddingTOTPExample.swift"])
    func theDocumentQuotesTheExampleVerbatim(file: String) throws {
        let here = URL(fileURLWithPath: #filePath)
        let source = try String(contentsOf: here.deletingLastPathComponent().appendingPathComponent(file), encoding: .utf8)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/embedding.md"), encoding: .utf8)
        let start = try #require(source.range(of: "// BEGIN EXAMPLE\n"))
        let end = try #require(source.range(of: "// END EXAMPLE"))
        let example = String(source[start.upperBound..<end.lowerBound])
        #expect(doc.contains(example), "docs/embedding.md must quote \(file) between its markers")
    }
}
