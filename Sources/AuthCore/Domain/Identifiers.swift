import Foundation

/// Identifies a user.
public struct UserID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public var rawValue: UUID
    /// Wraps a UUID.
    public init(_ rawValue: UUID = UUID()) { self.rawValue = rawValue }
    /// Parses the canonical UUID text form; `nil` when malformed.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}

/// Identifies a session (the `sid` claim of a token).
public struct SessionID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public var rawValue: UUID
    /// Wraps a UUID.
    public init(_ rawValue: UUID = UUID()) { self.rawValue = rawValue }
    /// Parses the canonical UUID text form; `nil` when malformed.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}

/// Identifies a one-time verification code (the `verification_id` / `token_id` of the API).
public struct VerificationID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public var rawValue: UUID
    /// Wraps a UUID.
    public init(_ rawValue: UUID = UUID()) { self.rawValue = rawValue }
    /// Parses the canonical UUID text form; `nil` when malformed.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.uuidString.lowercased() }
}
