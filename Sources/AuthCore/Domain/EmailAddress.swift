import Foundation

/// A normalised, validated email address.
///
/// Normalisation trims surrounding white space and lower-cases the whole address, so lookups are
/// case-insensitive everywhere (stores may rely on it). Validation is deliberately pragmatic:
/// one `@`, a non-empty local part, a dotted domain, no white space or control characters, and the
/// RFC 5321 length limits. CR and LF can never appear, which keeps mail headers injection-free.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Normalises and validates `raw`.
    /// - Throws: `AuthError(.invalidRequest)` when the address is not plausible.
    public init(_ raw: String) throws {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard Self.isPlausible(trimmed) else {
            throw AuthError.invalidRequest("email must be a valid email address")
        }
        self.value = trimmed
    }

    /// Wraps an address already normalised by a store; no validation.
    public init(normalized: String) { self.value = normalized }

    public var description: String { value }

    private static func isPlausible(_ s: String) -> Bool {
        guard s.utf8.count <= 254 else { return false }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 }) else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
            .union(CharacterSet(charactersIn: "<>()[]\\,;:\""))
        return s.unicodeScalars.allSatisfy { !forbidden.contains($0) }
    }
}
