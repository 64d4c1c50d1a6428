/// An Argon2id hash in PHC string format, as the reference implementation writes it:
/// `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` with unpadded standard base64.
///
/// Parsing is strict on purpose: a stored hash that does not round-trip exactly is more
/// likely corruption or tampering (for example a downgrade to argon2i or to version 0x10)
/// than something to guess about.
public struct PHCString: Sendable, Hashable {
    /// Cost parameters; `outputLength` equals `hash.count` for parsed strings.
    public var parameters: Argon2.Parameters
    /// The salt, decoded from base64.
    public var salt: [UInt8]
    /// The Argon2id tag, decoded from base64.
    public var hash: [UInt8]

    /// Wraps already computed values; nothing is validated here.
    public init(parameters: Argon2.Parameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses `$argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>`; returns nil for anything else,
    /// including other Argon2 variants, a missing or different version, parameters that are
    /// missing, repeated, reordered, signed, zero-padded or out of range, and bad base64.
    public init?(parsing string: String) {
        let fields = Array(string.utf8).split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        // A leading "$" yields an empty first field; exactly five fields must follow it.
        guard fields.count == 6, fields[0].isEmpty,
              fields[1].elementsEqual("argon2id".utf8),
              // Without "v=" the reference library assumes 0x10, which this implementation does not compute.
              fields[2].elementsEqual("v=19".utf8)
        else { return nil }
        let costs = fields[3].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard costs.count == 3,
              let m = Self.decimal(costs[0], name: "m"),
              let t = Self.decimal(costs[1], name: "t"),
              let p = Self.decimal(costs[2], name: "p"),
              let salt = Base64.decode(fields[4]),
              let hash = Base64.decode(fields[5])
        else { return nil }
        let parameters = Argon2.Parameters(memoryKiB: m, iterations: t, parallelism: p, outputLength: hash.count)
        guard (try? Argon2.validate(parameters, saltLength: salt.count)) != nil else { return nil }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The canonical PHC string; parsing it gives back an equal value.
    public var encoded: String {
        "$argon2id$v=\(Argon2.version)$m=\(parameters.memoryKiB),t=\(parameters.iterations),"
            + "p=\(parameters.parallelism)$\(Base64.encode(salt))$\(Base64.encode(hash))"
    }

    /// Reads `<name>=<digits>` as a UInt32 in canonical form (no sign, no leading zero).
    private static func decimal(_ field: ArraySlice<UInt8>, name: Character) -> UInt32? {
        guard field.count >= 3, field[field.startIndex] == name.asciiValue,
              field[field.startIndex + 1] == UInt8(ascii: "=")
        else { return nil }
        let digits = field.dropFirst(2)
        guard digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt32(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }
}

/// Standard-alphabet base64 (RFC 4648 section 4) as used by PHC strings.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes without padding, as the reference argon2 library does.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var group = UInt32(bytes[index]) << 16
            if chunk > 1 { group |= UInt32(bytes[index + 1]) << 8 }
            if chunk > 2 { group |= UInt32(bytes[index + 2]) }
            for k in 0...chunk { out.append(alphabet[Int((group >> (18 - 6 * UInt32(k))) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded or correctly padded base64; rejects stray characters, impossible
    /// lengths and non-zero unused trailing bits, so each byte string has one spelling.
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var body = text
        let padding = body.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        if padding > 0 {
            guard text.count % 4 == 0, padding <= 2 else { return nil }
            body = body.dropLast(padding)
            guard body.count % 4 == 4 - padding else { return nil }
        }
        guard body.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in body {
            guard let value = sextet(character) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return accumulator == 0 ? out : nil
    }

    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
