import AuthCore
import Foundation

/// The compact binary form of a ``CachedSession`` in Redis, read on every authenticated request.
///
/// JSON through Foundation's coders cost a measurable share of `/me` (docs/benchmarks.md); this fixed layout
/// is read with no parsing beyond lengths. Layout, version 2 (integers big-endian):
///
/// - `0xA5 0x01` (magic, version);
/// - session: id (16 bytes), user id (16), IP (1-byte length 0, 4 or 16, then the bytes),
///   user agent, client name, location (strings), created, last used, expires (dates), revoked
///   (1-byte flag, then a date if set), authenticated at (date), `amr` (1-byte count, strings),
///   `aal` (1 byte), second factor at (1-byte flag, then a date if set);
/// - user: email (string), verified, email factor, banned (1 byte each), image URL (flag, string),
///   created, updated (dates);
/// - second-factor methods (1-byte count, strings).
///
/// A string is a 4-byte length and its UTF-8; a date the 8-byte bit pattern of its
/// `timeIntervalSinceReferenceDate` (exact). A value that does not decode (another version, a
/// truncated write) is treated as a miss, so a format change never fails a request: version 1
/// entries (without the second-factor time) are read again from the store.
enum CachedSessionCodec {
    static let magic: UInt8 = 0xA5
    static let version: UInt8 = 2

    static func encode(_ entry: CachedSession) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(384)
        w.byte(magic)
        w.byte(version)
        let s = entry.session
        w.uuid(s.id.rawValue)
        w.uuid(s.userID.rawValue)
        let ip = s.client.ip?.bytes ?? []
        w.byte(UInt8(ip.count))
        w.bytes += ip
        w.string(s.client.userAgent)
        w.string(s.client.clientName)
        w.string(s.client.location)
        w.date(s.createdAt)
        w.date(s.lastUsedAt)
        w.date(s.expiresAt)
        w.optionalDate(s.revokedAt)
        w.date(s.authenticatedAt)
        w.strings(s.amr)
        w.byte(UInt8(clamping: s.aal))
        w.optionalDate(s.secondFactorAt)
        let u = entry.user
        w.string(u.email.value)
        w.bool(u.isEmailVerified)
        w.bool(u.emailFactorEnabled)
        w.bool(u.isBanned)
        w.bool(u.imageURL != nil)
        if let image = u.imageURL { w.string(image) }
        w.date(u.createdAt)
        w.date(u.updatedAt)
        w.strings(entry.secondFactors.map(\.rawValue))
        return w.bytes
    }

    /// The entry in `bytes`, or `nil` when they are not a version-2 entry.
    static func decode(_ bytes: [UInt8]) -> CachedSession? {
        var r = Reader(bytes: bytes)
        guard r.byte() == magic, r.byte() == version,
              let sessionID = r.uuid(), let userID = r.uuid(),
              let ipLength = r.byte(), ipLength == 0 || ipLength == 4 || ipLength == 16,
              let ipBytes = r.take(Int(ipLength)),
              let userAgent = r.string(), let clientName = r.string(), let location = r.string(),
              let created = r.date(), let lastUsed = r.date(), let expires = r.date(),
              let revoked = r.optional({ $0.date() }),
              let authenticated = r.date(), let amr = r.strings(), let aal = r.byte(),
              let secondFactor = r.optional({ $0.date() }),
              let email = r.string(), let verified = r.bool(), let emailFactor = r.bool(), let banned = r.bool(),
              let image = r.optional({ $0.string() }),
              let userCreated = r.date(), let userUpdated = r.date(),
              let methods = r.strings(), r.isAtEnd
        else { return nil }
        let client = ClientContext(
            ip: ipLength == 0 ? nil : IPAddress(bytes: Array(ipBytes)), userAgent: userAgent, clientName: clientName,
            location: location)
        let session = Session(
            id: SessionID(sessionID), userID: UserID(userID), client: client, createdAt: created, lastUsedAt: lastUsed,
            expiresAt: expires, revokedAt: revoked, authenticatedAt: authenticated, secondFactorAt: secondFactor,
            amr: amr, aal: Int(aal))
        let user = User(
            id: UserID(userID), email: EmailAddress(normalized: email), isEmailVerified: verified, imageURL: image,
            emailFactorEnabled: emailFactor, isBanned: banned, createdAt: userCreated, updatedAt: userUpdated)
        return CachedSession(session: session, user: user, secondFactors: methods.map(SecondFactorMethod.init(rawValue:)))
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }
        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
        mutating func uuid(_ value: UUID) { withUnsafeBytes(of: value.uuid) { bytes += $0 } }
        mutating func integer<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.bigEndian) { bytes += $0 } }
        mutating func date(_ value: Date) { integer(value.timeIntervalSinceReferenceDate.bitPattern) }
        mutating func optionalDate(_ value: Date?) {
            bool(value != nil)
            if let value { date(value) }
        }
        mutating func string(_ value: String) {
            integer(UInt32(value.utf8.count))
            bytes += value.utf8
        }
        mutating func strings(_ values: [String]) {
            byte(UInt8(clamping: values.count))
            values.prefix(255).forEach { string($0) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }
        mutating func byte() -> UInt8? { take(1)?.first }
        mutating func bool() -> Bool? {
            switch byte() {
            case 0?: false
            case 1?: true
            default: nil
            }
        }
        // The readers below load from the array's storage directly: this decode runs on every
        // authenticated request, and copying each field into an array first showed in profiles.
        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard let slice = take(MemoryLayout<T>.size) else { return nil }
            return T(bigEndian: slice.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
        }
        mutating func uuid() -> UUID? {
            guard let slice = take(16) else { return nil }
            return UUID(uuid: slice.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) })
        }
        mutating func date() -> Date? {
            integer(UInt64.self).map { Date(timeIntervalSinceReferenceDate: Double(bitPattern: $0)) }
        }
        mutating func string() -> String? {
            guard let length = integer(UInt32.self), let slice = take(Int(length)) else { return nil }
            return slice.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        }
        /// A flag byte, then the value when it is 1: `.some(nil)` for an absent value, `nil` when
        /// malformed.
        mutating func optional<T>(_ read: (inout Reader) -> T?) -> T?? {
            guard let present = bool() else { return nil }
            guard present else { return .some(nil) }
            return read(&self).map { .some($0) }
        }
        mutating func strings() -> [String]? {
            guard let count = byte() else { return nil }
            var values: [String] = []
            values.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let value = string() else { return nil }
                values.append(value)
            }
            return values
        }
    }
}
