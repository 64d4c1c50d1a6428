import AuthCore
import Foundation

/// A ``SessionCache`` in Redis, shared by every instance: an invalidation is seen by all of them on
/// their next request.
///
/// Layout (default prefix `auth:sc:`): `s:<session>` holds the entry (``CachedSessionCodec``); `t:<session>` is the
/// tombstone an ``invalidate(_:)`` leaves; `ut:<user>` the tombstone an ``invalidateAll(of:)``
/// leaves; `u:<user>` is the set of the user's cached session ids, which `invalidateAll` uses to
/// find the entries. Each write is one Lua script, so checks and writes are atomic.
///
/// Tombstones live as long as any entry could (``maximumTTL``): `store` is refused while one
/// lives, so a request that read a session from the store just before it was revoked cannot put it
/// back afterwards. After `invalidateAll(of:)` the user's sessions are therefore served from the
/// store, uncached, for up to ``maximumTTL``; revocation is never undone by a stale write.
public struct RedisSessionCache: SessionCache {
    private let client: RedisClient
    private let keyPrefix: String
    /// `keyPrefix + "s:"` as bytes: the start of every entry key.
    private let entryKeyPrefix: [UInt8]
    /// The entries last decoded, so an unchanged one is not decoded again on every request.
    private let decoded = DecodedEntryMemo()
    /// The longest an entry (and so a tombstone) lives, whatever `store` asks.
    public let maximumTTL: Duration

    /// Creates a cache over `client`.
    /// - Parameters:
    ///   - client: the Redis client.
    ///   - maximumTTL: the longest an entry may live (default 5 minutes).
    ///   - keyPrefix: prepended to every key.
    public init(client: RedisClient, maximumTTL: Duration = .seconds(300), keyPrefix: String = "auth:sc:") {
        self.client = client
        self.maximumTTL = maximumTTL
        self.keyPrefix = keyPrefix
        self.entryKeyPrefix = Array((keyPrefix + "s:").utf8)
    }

    /// The cached entry for `id`; an entry that does not decode (an older format) is a miss.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func cached(_ id: SessionID) async throws -> CachedSession? {
        let reply = try await client.send([Self.get, entryKeyBytes(id)])
        guard case .bulkString(let bytes) = reply else { return nil }
        return decoded.entry(for: id, from: bytes)
    }

    /// Caches `entry` for `ttl` (at most ``maximumTTL``), unless a tombstone forbids it.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func store(_ entry: CachedSession, ttl: Duration) async throws {
        let lifetime = min(ttl, maximumTTL)
        guard lifetime > .zero else { return }
        let encoded = CachedSessionCodec.encode(entry)
        let id = entry.session.id
        _ = try await client.evaluate(
            Self.storeScript,
            keys: [entryKey(id), keyPrefix + "t:\(id)", keyPrefix + "ut:\(entry.user.id)", keyPrefix + "u:\(entry.user.id)"],
            arguments: [encoded, Array(String(lifetime.ttlMilliseconds).utf8), Array(id.description.utf8)])
    }

    /// Drops the entry of `id` and leaves a tombstone.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func invalidate(_ id: SessionID) async throws {
        _ = try await client.evaluate(
            Self.invalidateScript, keys: [keyPrefix + "t:\(id)", entryKey(id)],
            arguments: [Array(String(maximumTTL.ttlMilliseconds).utf8)])
    }

    /// Drops the entries of `ids` and leaves a tombstone for each, in one round trip: one script per
    /// 500 sessions, all written to the pipelined connection at once.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func invalidate(sessions ids: [SessionID]) async throws {
        let ttl = Array(String(maximumTTL.ttlMilliseconds).utf8)
        let prefix = Array(keyPrefix.utf8)
        let chunks = stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in chunks {
                group.addTask { [client] in
                    _ = try await client.evaluate(
                        Self.invalidateManyScript, keys: [],
                        arguments: [ttl, prefix] + chunk.map { Array($0.description.utf8) })
                }
            }
            try await group.waitForAll()
        }
    }

    /// Drops every entry of `userID` and leaves a tombstone for the user.
    /// - Throws: `AuthError(.unavailable)` when Redis cannot be reached.
    public func invalidateAll(of userID: UserID) async throws {
        _ = try await client.evaluate(
            Self.invalidateAllScript, keys: [keyPrefix + "ut:\(userID)", keyPrefix + "u:\(userID)"],
            arguments: [Array(String(maximumTTL.ttlMilliseconds).utf8), Array((keyPrefix + "s:").utf8)])
    }

    private func entryKey(_ id: SessionID) -> String { keyPrefix + "s:\(id)" }

    /// ``entryKey(_:)`` written straight into bytes, for the read on every authenticated request.
    private func entryKeyBytes(_ id: SessionID) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: entryKeyPrefix.count + UUID.textLength) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.copyBytes(from: entryKeyPrefix)
            let idText = UnsafeMutableRawBufferPointer(rebasing: raw[entryKeyPrefix.count...])
            count = entryKeyPrefix.count + id.rawValue.writeLowercasedText(into: idText)
        }
    }

    private static let get = Array("GET".utf8)
}
