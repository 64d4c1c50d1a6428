import JWTKit

/// A session token's claims with the custom claims of ``AuthHooks/customClaims`` beside them.
/// The session's own claims are written last, so a name that slipped past ``ReservedClaims``
/// still could not replace one of them.
struct ExtendedSessionToken: JWTPayload {
    var session: SessionToken
    var extra: [String: ClaimValue]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in extra where !ReservedClaims.names.contains(name) {
            try container.encode(value, forKey: Key(stringValue: name))
        }
        try session.encode(to: encoder)
    }

    init(session: SessionToken, extra: [String: ClaimValue]) {
        self.session = session
        self.extra = extra
    }

    init(from decoder: any Decoder) throws {
        session = try SessionToken(from: decoder)
        extra = [:]
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
