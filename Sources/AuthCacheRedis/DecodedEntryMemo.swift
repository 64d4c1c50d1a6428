import AuthCore
import Synchronization

/// The last entry decoded for each session, with the bytes it was decoded from.
///
/// Every authenticated request reads its session's entry from Redis, and between two writes of
/// that entry (a `lastUsedAt` touch, a revocation) the bytes are the same each time. When they
/// equal the bytes an entry was last decoded from, that entry is the decode's result, without
/// the decode's strings and arrays: about 3 % of a `GET /me` request's CPU (docs/benchmarks.md).
///
/// Safe because it never stands in for Redis: the entry is still read on every request, a missing
/// entry or a tombstone is still a miss, and a remembered entry is only returned for the very
/// bytes it came from. Bounded: cleared when full.
final class DecodedEntryMemo: Sendable {
    private struct Decoded {
        let bytes: [UInt8]
        let entry: CachedSession
    }

    private let decoded = Mutex<[SessionID: Decoded]>([:])
    /// The most sessions remembered at once.
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    /// The entry `bytes` decode to, for the session `id`.
    /// - Returns: `nil` when the bytes are not a version-1 entry (``CachedSessionCodec``).
    func entry(for id: SessionID, from bytes: [UInt8]) -> CachedSession? {
        if let known = decoded.withLock({ $0[id] }), known.bytes == bytes { return known.entry }
        guard let entry = CachedSessionCodec.decode(bytes) else { return nil }
        // An entry under another session's key (never written by `store`) is returned as before, not remembered.
        guard entry.session.id == id else { return entry }
        decoded.withLock { decoded in
            if decoded.count >= capacity { decoded.removeAll(keepingCapacity: true) }
            decoded[id] = Decoded(bytes: bytes, entry: entry)
        }
        return entry
    }

    /// How many sessions are remembered.
    var count: Int { decoded.withLock { $0.count } }
}
