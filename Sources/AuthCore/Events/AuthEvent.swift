import Foundation

/// Something that happened in auth, as the hooks and webhooks see it (docs/webhooks.md).
///
/// Each event is derived from an audit record (``AuditEvent``) after it was written, so what the
/// audit log says and what the events say never disagree. Audit kinds that only matter inside the
/// service (a code requested, a challenge shown) make no event.
///
/// - Important: an event carries no code, hash, secret or token: only ids, the address, the
///   client's IP and short name, and a short non-secret reason.
public struct AuthEvent: Hashable, Sendable, Codable {
    /// The event's id: the id of the audit record it came from, so a redelivery keeps it.
    public var id: UUID
    /// What happened.
    public var type: EventType
    /// When it happened.
    public var occurredAt: Date
    /// The account it is about, when there is one (a failed sign-in for an unknown address has none).
    public var userID: UserID?
    /// The admin who did it, when it was not the user.
    public var actorID: UserID?
    /// The address involved, when known.
    public var email: EmailAddress?
    /// The caller's IP address, when known.
    public var ip: IPAddress?
    /// The caller's short client name (`web`, `ios`, "Firefox 133 on Linux").
    public var client: String
    /// A short non-secret reason or detail (`bad_credentials`, `logout_all:3`, `totp`), when any.
    public var reason: String?

    /// Creates an event.
    public init(
        id: UUID = UUID(), type: EventType, occurredAt: Date, userID: UserID? = nil, actorID: UserID? = nil,
        email: EmailAddress? = nil, ip: IPAddress? = nil, client: String = "", reason: String? = nil
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.userID = userID
        self.actorID = actorID
        self.email = email
        self.ip = ip
        self.client = client
        self.reason = reason
    }

    /// The event an audit record makes, or `nil` for a record that makes none.
    public init?(_ record: AuditEvent) {
        guard let type = EventType(record.kind, detail: record.detail) else { return nil }
        self.init(
            id: record.id, type: type, occurredAt: record.at, userID: record.userID, actorID: record.actorID,
            email: record.email, ip: record.client.ip, client: record.client.clientName, reason: record.detail)
    }
}

extension AuthEvent {
    /// The type of an event: a dotted name such as `user.created`, stable across versions.
    ///
    /// A struct with static members rather than an enum, so a later version can add a type
    /// without breaking a `switch`.
    public struct EventType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public var rawValue: String
        /// Creates a type from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        /// A sign-up created an (unverified) account.
        public static let userCreated = EventType(rawValue: "user.created")
        /// The account's address was proven (the sign-up code, or a provider that verified it).
        public static let emailVerified = EventType(rawValue: "email.verified")
        /// Someone signed in: a new session.
        public static let sessionCreated = EventType(rawValue: "session.created")
        /// A sign-in was refused (wrong password, banned, a failed passkey or provider).
        public static let signInFailed = EventType(rawValue: "sign_in.failed")
        /// One or more sessions ended (sign-out, sign-out everywhere, an admin).
        public static let sessionRevoked = EventType(rawValue: "session.revoked")
        /// The password was changed or reset.
        public static let passwordChanged = EventType(rawValue: "password.changed")
        /// The account moved to a new address.
        public static let emailChanged = EventType(rawValue: "email.changed")
        /// A second factor was turned on (the reason names it: `totp`, `email`).
        public static let mfaEnabled = EventType(rawValue: "mfa.enabled")
        /// A second factor was turned off, or an admin removed them all (reason `admin_reset`).
        public static let mfaDisabled = EventType(rawValue: "mfa.disabled")
        /// A passkey was registered.
        public static let passkeyAdded = EventType(rawValue: "passkey.added")
        /// A passkey was removed.
        public static let passkeyRemoved = EventType(rawValue: "passkey.removed")
        /// An admin banned the account.
        public static let userBanned = EventType(rawValue: "user.banned")
        /// An admin lifted the ban.
        public static let userUnbanned = EventType(rawValue: "user.unbanned")
        /// The account was deleted.
        public static let userDeleted = EventType(rawValue: "user.deleted")
        /// A provider account was linked.
        public static let oauthLinked = EventType(rawValue: "oauth.linked")
        /// A provider account was unlinked.
        public static let oauthUnlinked = EventType(rawValue: "oauth.unlinked")
        /// A replaced refresh token was presented again (a stolen copy, or a client that kept an
        /// old one past the reuse interval): its session was ended everywhere.
        public static let refreshTokenReused = EventType(rawValue: "refresh_token.reused")

        /// Every type this version emits, for subscriptions and the documentation.
        public static let all: [EventType] = [
            .userCreated, .emailVerified, .sessionCreated, .signInFailed, .sessionRevoked, .passwordChanged,
            .emailChanged, .mfaEnabled, .mfaDisabled, .passkeyAdded, .passkeyRemoved, .userBanned, .userUnbanned,
            .userDeleted, .oauthLinked, .oauthUnlinked, .refreshTokenReused,
        ]

        /// The type an audit record of `kind` makes, or `nil` when it makes none.
        init?(_ kind: AuditEvent.Kind, detail: String?) {
            let passkey = detail == SecondFactorMethod.passkey.rawValue
            switch kind {
            case .signUp: self = .userCreated
            case .emailVerified: self = .emailVerified
            case .signInSucceeded: self = .sessionCreated
            case .signInFailed: self = .signInFailed
            case .sessionRevoked: self = .sessionRevoked
            case .passwordChanged, .passwordReset: self = .passwordChanged
            case .emailChanged: self = .emailChanged
            case .mfaEnabled: self = passkey ? .passkeyAdded : .mfaEnabled
            case .mfaDisabled: self = passkey ? .passkeyRemoved : .mfaDisabled
            case .mfaReset: self = .mfaDisabled
            case .userBanned: self = .userBanned
            case .userUnbanned: self = .userUnbanned
            case .accountDeleted: self = .userDeleted
            case .oauthLinked: self = .oauthLinked
            case .oauthUnlinked: self = .oauthUnlinked
            case .refreshTokenReused: self = .refreshTokenReused
            case .mfaChallenged, .mfaSucceeded, .mfaFailed, .recoveryCodesReplaced, .emailChangeRequested,
                 .signInCodeRequested, .passwordResetRequested, .reauthenticated, .reauthenticationFailed,
                 .verificationResent, .adminGranted, .adminRevoked:
                return nil
            }
        }
    }
}
