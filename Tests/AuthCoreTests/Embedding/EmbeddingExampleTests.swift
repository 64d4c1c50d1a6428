import AuthCore
import Foundation
import Testing

@Suite struct EmbeddingExampleTests {
    @Test func theDocumentedExampleRuns() async throws {
        let accounts = try await Accounts(secret: Array(repeating: 3, count: 32))
        let id = try await accounts.register(email: "grace@example.com", password: "a long passphrase")
        #expect(try await accounts.dependencies.users.user(id: id)?.isEmailVerified == true)
    }

    @Test func theDocumentQuotesTheExampleVerbatim() throws {
        let here = URL(fileURLWithPath: #filePath)
        let source = try String(contentsOf: here.deletingLastPathComponent().appendingPathComponent("EmbeddingExample.swift"), encoding: .utf8)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/embedding.md"), encoding: .utf8)
        let start = try #require(source.range(of: "// BEGIN EXAMPLE\n"))
        let end = try #require(source.range(of: "// END EXAMPLE"))
        let example = String(source[start.upperBound..<end.lowerBound])
        #expect(doc.contains(example), "docs/embedding.md must quote EmbeddingExample.swift between its markers")
    }
}
