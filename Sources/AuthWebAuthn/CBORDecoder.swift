/// A small CBOR decoder (RFC 8949) for WebAuthn: attestation objects, COSE keys and extension
/// maps, with limits on input size, nesting depth and item counts.
///
/// It decodes definite-length items only (CTAP2 canonical encoding never uses indefinite
/// lengths) and refuses tags and floats. Every declared length is checked against the bytes
/// that are really left before anything is allocated, so a 5-byte input claiming a 4 GiB string
/// or a billion-entry map fails at once with ``CBORError/truncated``.
package struct CBORDecoder {
    /// The largest input accepted (default 64 KiB, the request body limit: an attestation object
    /// with a certificate chain fits).
    package var maximumBytes = 64 * 1024
    /// The deepest nesting of arrays and maps accepted (default 8; WebAuthn needs 3).
    package var maximumDepth = 8
    /// The most entries one array or map may declare (default 256).
    package var maximumItems = 256

    /// A decoder with the default limits.
    package init() {}

    /// Decodes exactly one item filling `bytes`.
    /// - Throws: ``CBORError``.
    package func decode(_ bytes: [UInt8]) throws(CBORError) -> CBORValue {
        let (value, used) = try decodePrefix(bytes)
        guard used == bytes.count else { throw .trailingBytes }
        return value
    }

    /// Decodes the first item of `bytes` (the COSE key inside authenticator data is followed by
    /// other fields) and says how many bytes it took.
    /// - Throws: ``CBORError``.
    package func decodePrefix(_ bytes: [UInt8]) throws(CBORError) -> (CBORValue, Int) {
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        var reader = Reader(bytes: bytes, limits: self)
        let value = try reader.item(depth: 0)
        return (value, reader.offset)
    }

    private struct Reader {
        let bytes: [UInt8]
        let limits: CBORDecoder
        var offset = 0

        var remaining: Int { bytes.count - offset }

        mutating func byte() throws(CBORError) -> UInt8 {
            guard offset < bytes.count else { throw .truncated }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func take(_ count: Int) throws(CBORError) -> [UInt8] {
            guard count <= remaining else { throw .truncated }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        /// The argument of a head whose additional information is `info`.
        mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
            switch info {
            case 0..<24: return UInt64(info)
            case 24: return UInt64(try byte())
            case 25, 26, 27:
                let width = 1 << Int(info - 24)  // 2, 4, 8
                var value: UInt64 = 0
                for b in try take(width) { value = value << 8 | UInt64(b) }
                return value
            case 31: throw .indefiniteLength
            default: throw .unsupported  // 28...30 are reserved
            }
        }

        /// A declared length or count, which must fit in what is left of the input.
        mutating func length(_ info: UInt8, minimumBytesEach: Int) throws(CBORError) -> Int {
            let value = try argument(info)
            guard value <= UInt64(remaining / minimumBytesEach) else { throw .truncated }
            return Int(value)
        }

        mutating func item(depth: Int) throws(CBORError) -> CBORValue {
            let initial = try byte()
            let major = initial >> 5
            let info = initial & 0x1F
            switch major {
            case 0: return .unsigned(try argument(info))
            case 1: return .negative(try argument(info))
            case 2: return .bytes(try take(try length(info, minimumBytesEach: 1)))
            case 3:
                let raw = try take(try length(info, minimumBytesEach: 1))
                guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidText }
                return .text(text)
            case 4:
                guard depth < limits.maximumDepth else { throw .tooDeep }
                let count = try length(info, minimumBytesEach: 1)
                guard count <= limits.maximumItems else { throw .tooLarge }
                var items: [CBORValue] = []
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try item(depth: depth + 1)) }
                return .array(items)
            case 5:
                guard depth < limits.maximumDepth else { throw .tooDeep }
                let count = try length(info, minimumBytesEach: 2)
                guard count <= limits.maximumItems else { throw .tooLarge }
                var entries: [(key: CBORValue, value: CBORValue)] = []
                var keys = Set<CBORValue>()
                for _ in 0..<count {
                    let key = try item(depth: depth + 1)
                    guard keys.insert(key).inserted else { throw .duplicateKey }
                    entries.append((key, try item(depth: depth + 1)))
                }
                return .map(entries)
            case 6: throw .unsupported
            default:  // 7: simple values and floats
                switch info {
                case 20: return .bool(false)
                case 21: return .bool(true)
                case 22: return .null
                case 23: return .undefined
                case 31: throw .indefiniteLength  // a "break" outside an indefinite item
                default: throw .unsupported
                }
            }
        }
    }
}
