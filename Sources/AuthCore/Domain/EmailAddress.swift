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
        return !s.unicodeScalars.contains(where: isForbidden)
    }

    /// White space, line breaks, control and format characters (Foundation's
    /// `whitespacesAndNewlines` and `controlCharacters`), and the specials `<>()[]\,;:"`.
    ///
    /// Asked of each character rather than built as a `CharacterSet`: the union of sets built on
    /// every call allocated about 11 KB for each address read (every sign-in), which a storm of
    /// failed sign-ins turned into tens of megabytes of churn in the allocator (docs/benchmarks.md, figure 9).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: " ") || specials.contains(byte)
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format: return true
        default: return false
        }
    }

    private static let specials: [UInt8] = Array(#"<>()[]\,;:""#.utf8)
}
