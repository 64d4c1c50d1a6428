import Foundation

/// One account in the admin listings: `{id, email, is_email_verified, banned, mfa_enabled, created_at}`.
public struct AdminUser: Decodable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var isEmailVerified: Bool
    public var banned: Bool
    /// Whether sign-in asks for a second factor (in the listing, the mailed code's switch; the
    /// detail knows every method).
    public var mfaEnabled: Bool
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, email, banned
        case isEmailVerified = "is_email_verified"
        case mfaEnabled = "mfa_enabled"
        case createdAt = "created_at"
    }
}

/// One page of an admin listing; pass `nextCursor` back as `cursor` (`nil` on the last page).
public struct AdminPage<Item: Hashable & Sendable>: Hashable, Sendable {
    public var items: [Item]
    public var nextCursor: String?
}

/// `GET /admin/users/{id}`: `{user: {…, is_admin, recovery_codes_left}, factors, oauth_accounts}`.
public struct AdminUserInfo: Decodable, Hashable, Sendable {
    /// A linked sign-in provider: `{provider, email, created_at}`.
    public struct LinkedAccount: Decodable, Hashable, Sendable {
        public var provider: String
        public var email: String
        public var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case provider, email
            case createdAt = "created_at"
        }
    }

    public var user: AdminUser
    public var isAdmin: Bool
    public var recoveryCodesLeft: Int
    /// The second factors, as `GET /mfa` lists them.
    public var factors: [SecondFactorsInfo.Method]
    public var oauthAccounts: [LinkedAccount]

    enum CodingKeys: String, CodingKey {
        case user, factors
        case oauthAccounts = "oauth_accounts"
    }

    enum UserKeys: String, CodingKey {
        case isAdmin = "is_admin"
        case recoveryCodesLeft = "recovery_codes_left"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `user` is the listing's row with two more members beside its own.
        user = try c.decode(AdminUser.self, forKey: .user)
        let extra = try c.nestedContainer(keyedBy: UserKeys.self, forKey: .user)
        isAdmin = try extra.decode(Bool.self, forKey: .isAdmin)
        recoveryCodesLeft = try extra.decode(Int.self, forKey: .recoveryCodesLeft)
        factors = try c.decode([SecondFactorsInfo.Method].self, forKey: .factors)
        oauthAccounts = try c.decode([LinkedAccount].self, forKey: .oauthAccounts)
    }
}

/// One audit event: `{id, type, user_id, actor_id, email, ip, client, location, detail, at}`.
public struct AuditEventInfo: Decodable, Hashable, Sendable {
    public var id: String
    /// The event type (`sign_in_failed`, `user_banned`…; docs/operations.md lists them).
    public var type: String
    /// Whose account it concerns.
    public var userID: String?
    /// The admin who acted, when one did.
    public var actorID: String?
    public var email: String?
    public var ip: String
    public var client: String
    public var location: String
    public var detail: String?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case id, type, email, ip, client, location, detail, at
        case userID = "user_id"
        case actorID = "actor_id"
    }
}

/// The filters of `GET /admin/audit`; `nil` is no filter.
public struct AuditFilter: Hashable, Sendable {
    /// A user id.
    public var user: String?
    /// An event type.
    public var type: String?
    /// Events at or after this time.
    public var since: Date?

    /// Creates the filters.
    public init(user: String? = nil, type: String? = nil, since: Date? = nil) {
        self.user = user
        self.type = type
        self.since = since
    }
}

/// `GET /admin/stats`.
public struct AdminStatsInfo: Decodable, Hashable, Sendable {
    /// The mail outbox: `{pending, given_up}`.
    public struct Outbox: Decodable, Hashable, Sendable {
        public var pending: Int
        public var givenUp: Int

        enum CodingKeys: String, CodingKey {
            case pending
            case givenUp = "given_up"
        }
    }

    public var users: Int
    public var verifiedUsers: Int
    public var liveSessions: Int
    public var signIns24h: Int
    public var signInFailures24h: Int
    /// `nil` when mail does not go through an outbox.
    public var outbox: Outbox?

    enum CodingKeys: String, CodingKey {
        case users, outbox
        case verifiedUsers = "verified_users"
        case liveSessions = "live_sessions"
        case signIns24h = "sign_ins_24h"
        case signInFailures24h = "sign_in_failures_24h"
    }
}

/// `{users, next_cursor}`.
struct AdminUsersAnswer: Decodable {
    var users: [AdminUser]
    var nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case users
        case nextCursor = "next_cursor"
    }
}

/// `{sessions, next_cursor}`.
struct AdminSessionsAnswer: Decodable {
    var sessions: [SessionInfo]
    var nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case sessions
        case nextCursor = "next_cursor"
    }
}

/// `{events, next_cursor}`.
struct AdminAuditAnswer: Decodable {
    var events: [AuditEventInfo]
    var nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case events
        case nextCursor = "next_cursor"
    }
}

/// `{success, revoked}`.
struct RevokedAnswer: Decodable { var revoked: Int }
