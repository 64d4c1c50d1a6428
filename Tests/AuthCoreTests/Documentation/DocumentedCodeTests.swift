import Foundation
import Testing

/// Every Swift block of the developer guides is code that builds and runs: each must appear
/// verbatim in the sample consumer package, Examples/, which `make test` builds as a separate
/// package (depending on this one by path) and whose tests run the guides' flows
/// (scripts/examples.sh).
@Suite struct DocumentedCodeTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of every Swift file of Examples/ (its manifest, sources and tests).
    static func exampleSources() throws -> [String] {
        let examples = root.appendingPathComponent("Examples")
        var sources: [String] = []
        let walker = FileManager.default.enumerator(at: examples, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.pathComponents.contains(".build") { continue }
            if url.pathExtension == "swift" { sources.append(try String(contentsOf: url, encoding: .utf8)) }
        }
        return sources
    }

    /// The ```swift blocks of a document, without their fences.
    static func swiftBlocks(in document: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if let lines = current {
                if fence == "```" {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if fence == "```swift" {
                current = []
            }
        }
        return blocks
    }

    @Test(arguments: ["docs/embedding.md", "docs/tokens.md", "docs/oidc.md"])
    func everySwiftBlockIsQuotedFromTheExamples(document: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
        let blocks = Self.swiftBlocks(in: text)
        #expect(!blocks.isEmpty, "\(document) has no Swift blocks")
        let sources = try Self.exampleSources()
        #expect(!sources.isEmpty, "Examples/ has no Swift files")
        for block in blocks {
            #expect(
                sources.contains { $0.contains(block) },
                "this block of \(document) is in no file of Examples/, so nothing compiles it:\n\(block)")
        }
    }

    @Test func theFenceReaderFindsEachBlockWhole() {
        let document = "text\n```swift\nlet a = 1\n\nlet b = 2\n```\n```sh\nls\n```\n```swift\nprint(a)\n```\n"
        #expect(Self.swiftBlocks(in: document) == ["let a = 1\n\nlet b = 2", "print(a)"])
    }
}
