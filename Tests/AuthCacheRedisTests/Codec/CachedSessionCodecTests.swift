@testable import AuthCacheRedis
import AuthCore
import Foundation
import Testing

/// The binary form of a cached session: every field survives, and anything else is a miss.
@Suite struct CachedSessionCodecTests {
    static func entry(
        ip: String? = "2001:db8::7", image: String? = "https://example.com/a.png", revoked: Bool = true,
        secondFactor: Bool = true
    ) -> CachedSession {
        let created = Date(timeIntervalSince1970: 1_767_225_600.123_456_7)
        let user = User(
            email: try! EmailAddress("Ünïcode.User+tag@example.com"), isEmailVerified: true, imageURL: image,
            emailFactorEnabled: true, isBanned: false, createdAt: created, updatedAt: created.addingTimeInterval(3.5))
        let session = Session(
            userID: user.id,
            client: ClientContext(ip: ip.flatMap { IPAddress($0) }, userAgent: "Mozilla/5.0 \"quoted\" \u{1F510}", clientName: "Chrome 131 on macOS", location: "Zürich, ZH, CH"),
            createdAt: created, lastUsedAt: created.addingTimeInterval(60), expiresAt: created.addingTimeInterval(604_800),
            revokedAt: revoked ? created.addingTimeInterval(120) : nil, authenticatedAt: created.addingTimeInterval(30),
            secondFactorAt: secondFactor ? created.addingTimeInterval(15) : nil, amr: ["pwd", "otp", "mfa"], aal: 2)
        return CachedSession(session: session, user: user, secondFactors: [.totp, .recoveryCode, .email])
    }

    @Test(arguments: [
        entry(), entry(ip: nil, image: nil, revoked: false, secondFactor: false), entry(ip: "192.0.2.1"),
    ])
    func everyFieldSurvivesARoundTrip(entry: CachedSession) {
        #expect(CachedSessionCodec.decode(CachedSessionCodec.encode(entry)) == entry)
    }

    @Test func anEntryIsSmallerThanItsJSON() throws {
        let entry = Self.entry()
        #expect(CachedSessionCodec.encode(entry).count < (try JSONEncoder().encode(entry)).count)
    }

    @Test func anythingElseIsAMissNotACrash() throws {
        let bytes = CachedSessionCodec.encode(Self.entry())
        #expect(CachedSessionCodec.decode([]) == nil)
        #expect(CachedSessionCodec.decode(Array(try JSONEncoder().encode(Self.entry()))) == nil)  // the old JSON form
        var otherVersion = bytes
        otherVersion[1] = 1  // the layout before the second-factor time
        #expect(CachedSessionCodec.decode(otherVersion) == nil)
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(CachedSessionCodec.decode(Array(bytes.prefix(length))) == nil)
        }
        #expect(CachedSessionCodec.decode(bytes + [0]) == nil)
    }
}
