import Foundation

/// Token-signing keys (docs/tokens.md), shared by every instance.
public protocol SigningKeyStore: Sendable {
    /// Every key, retired ones included, oldest first.
    func keys() async throws -> [SigningKey]
    /// Stores `keys` (all of one algorithm) if the store holds no key of that algorithm that is
    /// not retired (the first start); of concurrent calls exactly one stores its keys.
    /// - Returns: whether these keys were stored.
    func bootstrap(_ keys: [SigningKey]) async throws -> Bool
    /// Rotates, atomically: `current` → `previous`, `next` → `current`, every `previous` that
    /// entered that state before `cutoff` → `retired`, and `next` is stored as the new `next`.
    func rotate(adding next: SigningKey, at now: Date, retiringPreviousBefore cutoff: Date) async throws
    /// Retires the key `kid` at once (a compromised key); `false` when there is no such key that is
    /// not retired. The current key cannot be retired this way: rotate first.
    func retire(_ kid: String, at now: Date) async throws -> Bool
}
