import AuthCore

/// A ``RateLimiter`` in Redis, shared by every instance: fixed windows, one atomic script per hit.
///
/// Semantics are the port's (and ``InMemoryRateLimiter``'s): a key's window opens at its first hit
/// and lasts `policy.window`; every hit in it is counted, refused ones too; hit `limit + 1` and
/// later are refused until the window ends. Redis keeps the time, so instances with skewed clocks
/// still agree. Keys are stored as `<prefix><key>` (default prefix `auth:rl:`).
///
/// Wrap it in ``FallbackRateLimiter`` so limiting stays on (per instance) while Redis is down.
public struct RedisRateLimiter: RateLimiter {
    private let client: RedisClient
    private let keyPrefix: String

    /// Creates a limiter over `client`.
    /// - Parameters:
    ///   - client: the Redis client.
    ///   - keyPrefix: prepended to every key, so several apps can share one database.
    public init(client: RedisClient, keyPrefix: String = "auth:rl:") {
        self.client = client
        self.keyPrefix = keyPrefix
    }

    /// Counts the hit; the window's expiry is set only by the hit that opens it, so hammering
    /// never extends it. Returns `{count, milliseconds left}`.
    static let script = RedisScript("""
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          left = tonumber(ARGV[1])
        end
        return {count, left}
        """)

    /// Records one hit on `key`.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func hit(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let windowMilliseconds = policy.window.ttlMilliseconds
        let reply = try await client.evaluate(
            Self.script, keys: [keyPrefix + key], arguments: [Array(String(windowMilliseconds).utf8)])
        guard let values = reply.array, values.count == 2,
              let count = values[0].integer, let left = values[1].integer
        else { throw AuthError.redis(RedisError.unexpectedReply("rate limit script")) }
        let resetSeconds = max(1, (left + 999) / 1000)
        return RateLimitDecision(
            allowed: count <= policy.limit, limit: policy.limit,
            remaining: max(0, policy.limit - count), resetAfterSeconds: resetSeconds)
    }

    /// Reads the window without counting: `{count, milliseconds left}` (`{0, -2}` when none).
    static let peekScript = RedisScript("""
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        return {count, redis.call('PTTL', KEYS[1])}
        """)

    /// The window of `key`, uncounted.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func peek(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let reply = try await client.evaluate(Self.peekScript, keys: [keyPrefix + key], arguments: [])
        guard let values = reply.array, values.count == 2,
              let count = values[0].integer, let left = values[1].integer
        else { throw AuthError.redis(RedisError.unexpectedReply("rate limit peek script")) }
        let hits = left > 0 ? Int(count) : 0
        return RateLimitDecision(
            allowed: hits < policy.limit, limit: policy.limit, remaining: max(0, policy.limit - hits),
            resetAfterSeconds: left > 0 ? max(1, Int((left + 999) / 1000)) : 0)
    }

    /// Takes one hit back if the window is open and counted any (`DECR` never below zero).
    static let refundScript = RedisScript("""
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        if count > 0 and redis.call('PTTL', KEYS[1]) > 0 then redis.call('DECR', KEYS[1]) end
        return 0
        """)

    /// Gives back one hit of `key`'s open window.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func refund(_ key: String, policy: RateLimitPolicy) async throws {
        _ = try await client.evaluate(Self.refundScript, keys: [keyPrefix + key], arguments: [])
    }
}
