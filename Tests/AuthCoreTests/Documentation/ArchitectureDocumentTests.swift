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
}
