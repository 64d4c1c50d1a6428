import AuthCore

/// An ``EphemeralStateStore`` in Redis, shared by every instance (OAuth `state`, other one-time
/// values).
///
/// `put` is `SET key value PX ttl NX`; `take` is `GETDEL` (Redis 6.2 and later), a single atomic
/// command, so of concurrent takes exactly one gets the value; an older server that does not know
/// `GETDEL` gets an equivalent atomic GET+DEL script. Redis keeps the time. Keys are stored as
/// `<prefix><key>` (default prefix `auth:es:`).
public struct RedisEphemeralStateStore: EphemeralStateStore {
    private let client: RedisClient
    private let keyPrefix: String

    /// Creates a store over `client`.
    /// - Parameters:
    ///   - client: the Redis client.
    ///   - keyPrefix: prepended to every key.
    public init(client: RedisClient, keyPrefix: String = "auth:es:") {
        self.client = client
        self.keyPrefix = keyPrefix
    }

    /// Stores `value` unless `key` holds a live value.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func put(_ key: String, value: [UInt8], ttl: Duration) async throws -> Bool {
        let reply = try await client.send([
            Array("SET".utf8), Array((keyPrefix + key).utf8), value,
            Array("PX".utf8), Array(String(ttl.ttlMilliseconds).utf8), Array("NX".utf8),
        ])
        switch reply {
        case .status("OK"): return true
        case .null: return false
        default: throw AuthError.redis(RedisError.unexpectedReply("SET NX"))
        }
    }

    /// Removes and returns the value under `key`.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func take(_ key: String) async throws -> [UInt8]? {
        let fullKey = keyPrefix + key
        var reply = try await client.execute([Array("GETDEL".utf8), Array(fullKey.utf8)])
        if case .error(let message) = reply, message.lowercased().contains("unknown command") {
            reply = try await client.evaluate(Self.getDelScript, keys: [fullKey], arguments: [])
        }
        switch reply {
        case .bulkString(let bytes): return bytes
        case .null: return nil
        case .error(let message): throw AuthError.redis(RedisError.server(message))
        default: throw AuthError.redis(RedisError.unexpectedReply("GETDEL"))
        }
    }

    /// `GETDEL` for servers older than 6.2 (a script runs atomically, so it is just as single-use).
    static let getDelScript = RedisScript("""
        local value = redis.call('GET', KEYS[1])
        if value then redis.call('DEL', KEYS[1]) end
        return value
        """)
}
