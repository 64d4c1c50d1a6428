/// Short-lived, single-use values under a key: OAuth `state`, and anything else one-time.
///
/// A value lives at most its TTL and can be taken once: of any number of concurrent ``take(_:)``
/// calls for a key, exactly one gets the value. Shared by every instance when the store is remote
/// (Redis), so a flow started on one instance can finish on another.
public protocol EphemeralStateStore: Sendable {
    /// Stores `value` under `key` for `ttl`, unless `key` already holds a live value.
    ///
    /// - Parameters:
    ///   - key: the key; callers make it unguessable (for example 32 random bytes, base64url).
    ///   - value: opaque bytes.
    ///   - ttl: how long the value lives, rounded up to whole milliseconds (at least 1 ms).
    /// - Returns: `true` when stored; `false` when `key` was taken by a live value, which is kept.
    /// - Throws: `AuthError(.unavailable)` when the store cannot be reached.
    func put(_ key: String, value: [UInt8], ttl: Duration) async throws -> Bool

    /// Removes and returns the value under `key`, atomically; `nil` when there is none (never
    /// stored, expired, or already taken).
    /// - Throws: `AuthError(.unavailable)` when the store cannot be reached.
    func take(_ key: String) async throws -> [UInt8]?
}
