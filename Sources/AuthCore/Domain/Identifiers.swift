import Foundation

/// A typed UUID: `Identifier<UserKind>` and `Identifier<SessionKind>` cannot be mixed up, though
/// both are UUIDs underneath. Rendered in lower-case canonical form, as the API shows ids.
public struct Identifier<Kind>: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public var rawValue: UUID
    /// Wraps a UUID (a fresh random one by default).
    public init(_ rawValue: UUID = UUID()) { self.rawValue = rawValue }
    /// Parses the canonical UUID text form; `nil` when malformed.
    public init?(uuidString: String) {
        guard let uuid = UUID(text: uuidString) else { return nil }
        self.rawValue = uuid
    }
    public var description: String { rawValue.lowercasedText }
}

/// Marks user ids.
public enum UserKind {}
/// Marks session ids.
public enum SessionKind {}
/// Marks one-time verification code ids.
public enum VerificationKind {}
/// Marks authenticator-app (TOTP) ids.
public enum AuthenticatorKind {}
/// Marks passkey ids.
public enum PasskeyKind {}

/// Identifies a user.
public typealias UserID = Identifier<UserKind>
/// Identifies a session (the `sid` claim of a token).
public typealias SessionID = Identifier<SessionKind>
/// Identifies a one-time verification code (the `verification_id` / `token_id` of the API).
public typealias VerificationID = Identifier<VerificationKind>
/// Identifies one authenticator app (TOTP secret) of a user.
public typealias AuthenticatorID = Identifier<AuthenticatorKind>
/// Identifies one passkey (WebAuthn credential) of a user, as the API names it; the
/// credential's own id is ``Passkey/credentialID``.
public typealias PasskeyID = Identifier<PasskeyKind>

/// Marks OpenID grants.
public enum OpenIDGrantKind {}
/// Identifies one grant of an OpenID client: what a code exchange made, its refresh tokens and
/// access tokens (the `gid` claim).
public typealias OpenIDGrantID = Identifier<OpenIDGrantKind>
