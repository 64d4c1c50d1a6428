/// One Redis reply (RESP2), copied out of hiredis's reply object.
public enum RedisValue: Hashable, Sendable {
    /// A status reply such as `OK` or `PONG`.
    case status(String)
    /// An error reply such as `NOSCRIPT No matching script`; its first word is the error kind.
    case error(String)
    /// An integer reply.
    case integer(Int)
    /// A bulk string: binary-safe bytes.
    case bulkString([UInt8])
    /// The nil reply (missing key, nil bulk string or nil array).
    case null
    /// An array of replies.
    case array([RedisValue])

    /// The text of a status or bulk string reply (bulk strings decoded as UTF-8).
    public var string: String? {
        switch self {
        case .status(let text): text
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The bytes of a bulk string or status reply.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The value of an integer reply, or of a bulk string holding a decimal integer.
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .bulkString(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// The elements of an array reply.
    public var array: [RedisValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    /// Whether this is the nil reply.
    public var isNull: Bool { self == .null }
}
