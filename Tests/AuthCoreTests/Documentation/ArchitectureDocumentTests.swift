import Foundation
import Testing

/// docs/architecture.md is what a newcomer reads first: its tables must match the tree.
@Suite struct ArchitectureDocumentTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func folders(_ path: String) throws -> [String] {
        let url = root.appendingPathComponent(path)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    @Test func everyPackageTargetIsInTheModuleTable() throws {
        let manifest = try Self.read("Package.swift")
        let doc = try Self.read("docs/architecture.md")
        let pattern = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)""#)
        let names = pattern.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)).compactMap {
            Range($0.range(at: 1), in: manifest).map { String(manifest[$0]) }
        }
        #expect(names.count >= 12)
        for name in names {
            #expect(doc.contains("| `\(name)` |"), "docs/architecture.md's module table lacks \(name)")
        }
    }

    @Test func everyAuthCoreFolderAndPortIsDescribed() throws {
        let doc = try Self.read("docs/architecture.md")
        for folder in try Self.folders("Sources/AuthCore") {
            #expect(doc.contains("| `\(folder)/` |"), "docs/architecture.md does not describe AuthCore/\(folder)")
        }
        let ports = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/AuthCore/Ports").path)
        for file in ports where file.hasSuffix(".swift") {
            let port = String(file.dropLast(".swift".count))
            #expect(doc.contains("`\(port)`"), "docs/architecture.md's port table lacks \(port)")
        }
    }

    /// What a module imports must be allowed by the "may import" cell of its row: a module of this
    /// package by name, another package's module by its package's name (`NIOCore` is swift-nio's).
    /// The platform's own modules (Foundation, libc, Dispatch, Synchronization, Testing) need no row.
    @Test func everyModuleImportsOnlyWhatItsRowAllows() throws {
        let doc = try Self.read("docs/architecture.md")
        let rows = Dictionary(doc.split(separator: "\n").compactMap { line -> (String, String)? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            return (cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[3])
        }, uniquingKeysWith: { first, _ in first })
        let importPattern = try NSRegularExpression(
            pattern: #"^\s*(?:@\w+\s+)*(?:public |package |internal )?import (?:(?:struct|enum|class|func|protocol) )?([A-Za-z_][A-Za-z0-9_]*)"#,
            options: .anchorsMatchLines)
        let sources = Self.root.appendingPathComponent("Sources")
        for module in try Self.folders("Sources") {
            let allowed = try #require(rows[module], "docs/architecture.md's module table lacks \(module)")
            let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(module).path)?
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            var imports = Set<String>()
            for file in files {
                let text = try String(contentsOf: sources.appendingPathComponent(module).appendingPathComponent(file), encoding: .utf8)
                for match in importPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { imports.insert(String(text[range])) }
                }
            }
            for imported in imports.subtracting(Self.platformModules) {
                let name = Self.packageOfModule[imported] ?? imported
                #expect(allowed.contains(name), "\(module) imports \(imported), which its row in docs/architecture.md does not allow (\(name))")
            }
        }
    }

    static let platformModules: Set<String> = [
        "Foundation", "FoundationNetworking", "FoundationEssentials", "Glibc", "Musl", "Darwin", "Dispatch",
        "Synchronization", "Security", "Testing",
    ]

    /// Modules of other packages, by the package name the module table uses.
    static let packageOfModule: [String: String] = [
        "Crypto": "swift-crypto", "_CryptoExtras": "swift-crypto", "JWTKit": "jwt-kit", "Logging": "swift-log",
        "Metrics": "swift-metrics", "Prometheus": "swift-prometheus", "NIOCore": "swift-nio", "NIOPosix": "swift-nio",
        "NIOHTTP1": "swift-nio", "NIOSSL": "swift-nio-ssl", "NIOHTTPTypes": "swift-nio-extras",
        "HTTPTypes": "swift-http-types", "Hummingbird": "Hummingbird", "HummingbirdCore": "Hummingbird",
        "HummingbirdTesting": "Hummingbird", "HummingbirdAuth": "hummingbird-auth", "AsyncHTTPClient": "async-http-client",
        "ServiceLifecycle": "swift-service-lifecycle", "Mustache": "swift-mustache", "ArgumentParser": "swift-argument-parser",
        "Benchmark": "package-benchmark",
    ]
}
