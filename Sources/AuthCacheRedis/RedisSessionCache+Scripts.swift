extension RedisSessionCache {
    /// KEYS: entry, session tombstone, user tombstone, user index. ARGV: encoded entry, ttl ms, session id.
    /// Refused while either tombstone lives; the index lives as long as its longest entry.
    static let storeScript = RedisScript("""
        if redis.call('EXISTS', KEYS[2], KEYS[3]) > 0 then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('SADD', KEYS[4], ARGV[3])
        if redis.call('PTTL', KEYS[4]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
        return 1
        """)

    /// KEYS: session tombstone, entry. ARGV: tombstone ttl ms.
    static let invalidateScript = RedisScript("""
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        redis.call('DEL', KEYS[2])
        return 1
        """)

    /// ARGV: tombstone ttl ms, key prefix, then session ids. Keys are derived from the ids (so this
    /// script needs a single Redis node, not a cluster).
    static let invalidateManyScript = RedisScript("""
        for i = 3, #ARGV do
          redis.call('SET', ARGV[2] .. 't:' .. ARGV[i], '1', 'PX', ARGV[1])
          redis.call('DEL', ARGV[2] .. 's:' .. ARGV[i])
        end
        return #ARGV - 2
        """)

    /// KEYS: user tombstone, user index. ARGV: tombstone ttl ms, entry key prefix.
    /// Entry keys are derived from the index (so this script needs a single Redis node, not a cluster).
    static let invalidateAllScript = RedisScript("""
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        local ids = redis.call('SMEMBERS', KEYS[2])
        for _, id in ipairs(ids) do redis.call('DEL', ARGV[2] .. id) end
        redis.call('DEL', KEYS[2])
        return #ids
        """)
}
