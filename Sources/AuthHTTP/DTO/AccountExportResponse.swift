import AuthCore

/// `GET /me/export`: the user's own data, without any secret, hash or code.
struct AccountExportResponse: Encodable, Sendable {
    struct Profile: Encodable, Sendable {
        var user: UserBody
        var createdAt: String
        var hasPassword: Bool

        enum CodingKeys: String, CodingKey {
            case createdAt = "created_at"
            case hasPassword = "has_password"
        }

        func encode(to encoder: any Encoder) throws {
            try user.encode(to: encoder)  // flattened: the `/me` user fields, plus these
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(hasPassword, forKey: .hasPassword)
        }
    }

    struct LinkedAccount: Encodable, Sendable {
        var provider: String
        var subject: String
        var email: String
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case provider, subject, email
            case createdAt = "created_at"
        }
    }

    struct Event: Encodable, Sendable {
        var kind: String
        var at: String
        var ip: String
        var client: String
        var location: String
        var detail: String?

        // Every key is present, `detail` `null` when there is none.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(at, forKey: .at)
            try c.encode(ip, forKey: .ip)
            try c.encode(client, forKey: .client)
            try c.encode(location, forKey: .location)
            try c.encode(detail, forKey: .detail)
        }

        enum CodingKeys: String, CodingKey {
            case kind, at, ip, client, location, detail
        }
    }

    var profile: Profile
    var sessions: [SessionBody]
    var secondFactors: SecondFactorStatusResponse
    var linkedAccounts: [LinkedAccount]
    var events: [Event]

    enum CodingKeys: String, CodingKey {
        case profile, sessions, events
        case secondFactors = "second_factors"
        case linkedAccounts = "linked_accounts"
    }

    init(_ data: AccountData) {
        profile = Profile(
            user: UserBody(data.user, mfaEnabled: data.secondFactors.mfaEnabled), createdAt: Timestamp.format(data.user.createdAt),
            hasPassword: data.hasPassword)
        sessions = data.sessions.map(SessionBody.init)
        secondFactors = SecondFactorStatusResponse(data.secondFactors)
        linkedAccounts = data.linkedAccounts.map {
            LinkedAccount(provider: $0.provider, subject: $0.subject, email: $0.email.value, createdAt: Timestamp.format($0.createdAt))
        }
        events = data.events.map {
            Event(
                kind: $0.kind.rawValue, at: Timestamp.format($0.at), ip: $0.client.ipText, client: $0.client.clientName,
                location: $0.client.location, detail: $0.detail)
        }
    }
}
