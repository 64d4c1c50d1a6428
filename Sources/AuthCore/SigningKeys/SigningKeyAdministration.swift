import Foundation

/// What `authd keys` does: list, rotate and retire token-signing keys (docs/tokens.md).
public struct SigningKeyAdministration: Sendable {
    let ring: SigningKeyRing
    let store: any SigningKeyStore
    let clock: any WallClock

    /// Administers the keys of `ring` in `store`.
    public init(ring: SigningKeyRing, store: any SigningKeyStore, clock: any WallClock) {
        self.ring = ring
        self.store = store
        self.clock = clock
    }

    /// Every key, oldest first.
    public func list() async throws -> [SigningKey] { try await store.keys() }

    /// Rotates: the next key (published since the last rotation, so every verifier's JWKS cache
    /// already has it) starts signing, the current one stays published as previous, previous keys
    /// whose tokens have all expired (`tokenLifetime` after they stopped signing) are retired,
    /// and a new next key is published.
    public func rotate(tokenLifetime: Duration) async throws {
        let now = clock.now
        try await store.rotate(
            adding: try ring.makeKey(state: .next, at: now), at: now,
            retiringPreviousBefore: now.addingTimeInterval(-tokenLifetime.timeInterval))
        try await ring.refresh()
    }

    /// Retires `kid` at once: its tokens are refused from the next reload of every instance.
    /// - Returns: `false` when there is no such key, or it is the current one (rotate first).
    public func retire(_ kid: String) async throws -> Bool {
        let retired = try await store.retire(kid, at: clock.now)
        try await ring.refresh()
        return retired
    }
}
