import Crypto

/// Makes and hashes recovery codes.
///
/// A code is 12 characters of Crockford's base32 (60 random bits), shown as `xxxx-xxxx-xxxx`.
/// Input is read leniently (case, dashes and spaces ignored; `o` as `0`, `i` and `l` as `1`), and
/// stored only as HMAC-SHA256 under the code key, bound to its user.
public struct RecoveryCodes: Sendable {
    /// Codes per set.
    public static let setSize = 10
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    private static let length = 12
    private let key: SymmetricKey

    /// Creates the hasher with a key derived (HKDF-SHA256, its own label) from `encryptionKey`,
    /// at least 32 bytes.
    init(encryptionKey: [UInt8]) throws {
        guard encryptionKey.count >= 32 else { throw AuthError.invalidRequest("the encryption key must be at least 32 bytes") }
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: encryptionKey), info: Array("swift-auth recovery codes v1".utf8),
            outputByteCount: 32)
    }

    /// A fresh set: the codes to show once, and their stored hashes for `userID`.
    func makeSet(for userID: UserID, random: any RandomSource) -> (codes: [String], hashes: [[UInt8]]) {
        var codes: [String] = []
        while codes.count < Self.setSize {
            // Each byte's low five bits are one uniform symbol of the 32-letter alphabet.
            let symbols = random.bytes(Self.length).map { Self.alphabet[Int($0 & 31)] }
            let code = String(decoding: symbols, as: UTF8.self)
            if !codes.contains(code) { codes.append(code) }
        }
        let shown = codes.map { code in
            stride(from: 0, to: Self.length, by: 4).map { offset in
                let start = code.index(code.startIndex, offsetBy: offset)
                return String(code[start..<code.index(start, offsetBy: 4)])
            }.joined(separator: "-")
        }
        return (shown, codes.map { digest($0, userID) })
    }

    /// The stored form of `input` for `userID`, or `nil` when it cannot be a recovery code.
    func hash(_ input: String, of userID: UserID) -> [UInt8]? {
        guard input.utf8.count <= 64 else { return nil }
        var normalized: [UInt8] = []
        for byte in input.lowercased().utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
            switch byte {
            case UInt8(ascii: "o"): normalized.append(UInt8(ascii: "0"))
            case UInt8(ascii: "i"), UInt8(ascii: "l"): normalized.append(UInt8(ascii: "1"))
            case _ where Self.alphabet.contains(byte): normalized.append(byte)
            default: return nil
            }
        }
        guard normalized.count == Self.length else { return nil }
        return digest(String(decoding: normalized, as: UTF8.self), userID)
    }

    private func digest(_ code: String, _ userID: UserID) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("recovery\u{0}\(userID)\u{0}\(code)".utf8))
        return Array(hmac.finalize())
    }
}
