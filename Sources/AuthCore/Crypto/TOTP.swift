import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits, 30-second
/// steps, what every authenticator app speaks.
public struct TOTP: Sendable {
    /// The shared secret (20 random bytes when we make it).
    public let secret: [UInt8]
    /// Seconds per step (default 30).
    public let period: Int
    /// Digits per code (default 6).
    public let digits: Int

    /// Creates a generator for `secret`.
    /// - Precondition: `period` > 0 and `digits` in 1...9.
    public init(secret: [UInt8], period: Int = 30, digits: Int = 6) {
        precondition(period > 0 && (1...9).contains(digits), "TOTP needs a positive period and 1 to 9 digits")
        self.secret = secret
        self.period = period
        self.digits = digits
    }

    /// Creates a generator for a base32 secret (as apps and `otpauth://` URIs carry it); `nil` when
    /// the text is not base32.
    public init?(base32Secret: String, period: Int = 30, digits: Int = 6) {
        guard let secret = Base32.decode(base32Secret), !secret.isEmpty else { return nil }
        self.init(secret: secret, period: period, digits: digits)
    }

    /// The time step `date` falls in.
    public func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down)) }

    /// The code of time step `step`.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        // Dynamic truncation (RFC 4226 section 5.3).
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The code at `date`.
    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// The step within `window` steps of `date` whose code is `candidate`, compared in constant
    /// time, or `nil`. The caller refuses steps at or before the last one accepted (no replay).
    public func matchingStep(_ candidate: String, at date: Date, window: Int = 1) -> Int64? {
        guard window >= 0, candidate.utf8.count == digits, candidate.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let now = step(at: date)
        var found: Int64?
        for offset in -window...window {
            let step = now + Int64(offset)
            if ConstantTime.equals(Array(code(step: step).utf8), Array(candidate.utf8)), found == nil { found = step }
        }
        return found
    }

    /// The `otpauth://totp/` URI an authenticator app scans.
    public func provisioningURI(account: String, issuer: String) -> String {
        var components = URLComponents()
        components.scheme = "otpauth"
        components.host = "totp"
        components.path = "/\(issuer):\(account)"
        components.queryItems = [
            URLQueryItem(name: "secret", value: Base32.encode(secret)),
            URLQueryItem(name: "issuer", value: issuer),
            URLQueryItem(name: "algorithm", value: "SHA1"),
            URLQueryItem(name: "digits", value: String(digits)),
            URLQueryItem(name: "period", value: String(period)),
        ]
        return components.string ?? ""
    }

    /// The secret as an authenticator app's manual entry shows it.
    public var base32Secret: String { Base32.encode(secret) }
}
