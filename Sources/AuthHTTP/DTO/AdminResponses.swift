import AuthCore

/// One account in the admin listings: `{id, email, is_email_verified, banned, mfa_enabled, created_at}`.
struct AdminUserRow: Encodable, Sendable {
    var id: String
    var email: String
    var isEmailVerified: Bool
    var banned: Bool
    var mfaEnabled: Bool
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, email, banned
        case isEmailVerified = "is_email_verified"
        case mfaEnabled = "mfa_enabled"
        case createdAt = "created_at"
    }

    /// `mfaEnabled`: whether sign-in asks for a second factor (the listing reads only the
    /// profile, so there it is the mailed code's switch; the detail view knows every method).
    init(_ user: User, mfaEnabled: Bool? = nil) {
        id = user.id.description
        email = user.email.value
        isEmailVerified = user.isEmailVerified
        banned = user.isBanned
        self.mfaEnabled = mfaEnabled ?? user.emailFactorEnabled
        createdAt = Timestamp.format(user.createdAt)
    }
}

/// `GET /admin/users`: `{users, next_cursor}`.
struct AdminUsersResponse: Encodable, Sendable {
    var users: [AdminUserRow]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case users
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(users, forKey: .users)
        try c.encode(nextCursor, forKey: .nextCursor)  // explicit null on the last page
    }
}

/// `GET /admin/users/{id}`: `{user: {…, is_admin, recovery_codes_left}, factors, oauth_accounts}`.
struct AdminUserDetailResponse: Encodable, Sendable {
    struct UserPart: Encodable, Sendable {
        var row: AdminUserRow
        var isAdmin: Bool
        var recoveryCodesLeft: Int
        enum CodingKeys: String, CodingKey {
            case isAdmin = "is_admin"
            case recoveryCodesLeft = "recovery_codes_left"
        }
        func encode(to encoder: any Encoder) throws {
            try row.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(isAdmin, forKey: .isAdmin)
            try c.encode(recoveryCodesLeft, forKey: .recoveryCodesLeft)
        }
    }

    var user: UserPart
    var factors: [SecondFactorStatusResponse.Method]
    var oauthAccounts: [LinkedAccountsResponse.Account]

    enum CodingKeys: String, CodingKey {
        case user, factors
        case oauthAccounts = "oauth_accounts"
    }

    init(_ detail: AdminUserDetail) {
        user = UserPart(
            row: AdminUserRow(detail.user, mfaEnabled: detail.mfaEnabled), isAdmin: detail.isAdmin,
            recoveryCodesLeft: detail.recoveryCodesLeft)
        factors = detail.factors.map {
            SecondFactorStatusResponse.Method(
                type: $0.method.rawValue, id: $0.id, name: $0.name, createdAt: $0.createdAt.map(Timestamp.format),
                lastUsedAt: $0.lastUsedAt.map(Timestamp.format))
        }
        oauthAccounts = LinkedAccountsResponse(detail.oauthAccounts).accounts
    }
}

/// `GET /admin/users/{id}/sessions`: `{sessions: [...as /me/all, primary always false], next_cursor}`.
struct AdminSessionsResponse: Encodable, Sendable {
    var sessions: [SessionRow]
    var nextCursor: String?

    init(_ sessions: [Session], nextCursor: String?) {
        self.sessions = sessions.map { SessionRow(SessionSummary(primary: false, session: $0)) }
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case sessions
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sessions, forKey: .sessions)
        try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page, as the other admin lists
    }
}

/// `GET /admin/audit`: `{events: [{id, type, user_id, actor_id, email, ip, client, location, detail, at}], next_cursor}`.
struct AdminAuditResponse: Encodable, Sendable {
    struct Event: Encodable, Sendable {
        var id: String
        var type: String
        var userID: String?
        var actorID: String?
        var email: String?
        var ip: String
        var client: String
        var location: String
        var detail: String?
        var at: String

        enum CodingKeys: String, CodingKey {
            case id, type, email, ip, client, location, detail, at
            case userID = "user_id"
            case actorID = "actor_id"
        }

        init(_ event: AuditEvent) {
            id = event.id.uuidString.lowercased()
            type = event.kind.rawValue
            userID = event.userID?.description
            actorID = event.actorID?.description
            email = event.email?.value
            ip = event.client.ipText
            client = event.client.clientName
            location = event.client.location
            detail = event.detail
            at = Timestamp.format(event.at)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(type, forKey: .type)
            try c.encode(userID, forKey: .userID)
            try c.encode(actorID, forKey: .actorID)
            try c.encode(email, forKey: .email)
            try c.encode(ip, forKey: .ip)
            try c.encode(client, forKey: .client)
            try c.encode(location, forKey: .location)
            try c.encode(detail, forKey: .detail)
            try c.encode(at, forKey: .at)
        }
    }

    var events: [Event]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case events
        case nextCursor = "next_cursor"
    }

    init(_ page: Page<AuditEvent>) {
        events = page.items.map(Event.init)
        nextCursor = page.next
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(events, forKey: .events)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `GET /admin/stats`.
struct AdminStatsResponse: Encodable, Sendable {
    struct Outbox: Encodable, Sendable {
        var pending: Int
        var givenUp: Int
        enum CodingKeys: String, CodingKey {
            case pending
            case givenUp = "given_up"
        }
    }

    var users: Int
    var verifiedUsers: Int
    var liveSessions: Int
    var signIns24h: Int
    var signInFailures24h: Int
    /// `null` when mail does not go through an outbox (it is written to the log).
    var outbox: Outbox?

    enum CodingKeys: String, CodingKey {
        case users, outbox
        case verifiedUsers = "verified_users"
        case liveSessions = "live_sessions"
        case signIns24h = "sign_ins_24h"
        case signInFailures24h = "sign_in_failures_24h"
    }

    init(_ stats: AdminStats) {
        users = stats.counts.users
        verifiedUsers = stats.counts.verifiedUsers
        liveSessions = stats.counts.liveSessions
        signIns24h = stats.counts.signIns
        signInFailures24h = stats.counts.signInFailures
        outbox = stats.outbox.map { Outbox(pending: $0.pending, givenUp: $0.givenUp) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(users, forKey: .users)
        try c.encode(verifiedUsers, forKey: .verifiedUsers)
        try c.encode(liveSessions, forKey: .liveSessions)
        try c.encode(signIns24h, forKey: .signIns24h)
        try c.encode(signInFailures24h, forKey: .signInFailures24h)
        try c.encode(outbox, forKey: .outbox)
    }
}
