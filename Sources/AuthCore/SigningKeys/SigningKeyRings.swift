import Foundation
import Synchronization

/// The key ring of every asymmetric algorithm in use: the session tokens' (`JWT_ALG`) and the
/// ID tokens' (RS256, or ES256 / EdDSA for a client that registered it; docs/oidc.md). A ring is
/// opened on first use, making its first keys when the store has none, and the JWKS publishes the
/// keys of every algorithm the store holds, whichever instance made them.
public final class SigningKeyRings: Sendable {
    private let store: any SigningKeyStore
    private let encryptionKey: [UInt8]
    private let clock: any WallClock
    private let refreshInterval: Duration
    private let rings: Mutex<[TokenAlgorithm: SigningKeyRing]>
    /// The algorithms the store held keys of at `checkedAt`.
    private let known: Mutex<(algorithms: Set<TokenAlgorithm>, checkedAt: Date)>

    /// Opens the rings over `store`.
    /// - Parameter session: the session tokens' ring, when `JWT_ALG` is asymmetric.
    init(
        store: any SigningKeyStore, encryptionKey: [UInt8], clock: any WallClock, refreshInterval: Duration,
        session: SigningKeyRing?
    ) {
        self.store = store
        self.encryptionKey = encryptionKey
        self.clock = clock
        self.refreshInterval = refreshInterval
        var initial: [TokenAlgorithm: SigningKeyRing] = [:]
        if let session { initial[session.algorithm] = session }
        self.rings = Mutex(initial)
        self.known = Mutex((Set(initial.keys), .distantPast))
    }

    /// The ring of `algorithm` (not HS256), opened and given its first keys if need be.
    public func ring(for algorithm: TokenAlgorithm) async throws -> SigningKeyRing {
        if let ring = rings.withLock({ $0[algorithm] }) { return ring }
        let opened = try await SigningKeyRing(
            store: store, algorithm: algorithm, encryptionKey: encryptionKey, clock: clock,
            refreshInterval: refreshInterval)
        // Two callers may open it at once: the first one kept is the one everybody uses.
        known.withLock { _ = $0.algorithms.insert(algorithm) }
        return rings.withLock { rings in
            if let existing = rings[algorithm] { return existing }
            rings[algorithm] = opened
            return opened
        }
    }

    /// The ring of `algorithm` when the store holds keys of it (by a list at most
    /// `refreshInterval` old), or `nil`: never makes keys.
    public func existingRing(for algorithm: TokenAlgorithm) async throws -> SigningKeyRing? {
        if let ring = rings.withLock({ $0[algorithm] }) { return ring }
        guard try await knownAlgorithms().contains(algorithm) else { return nil }
        return try await ring(for: algorithm)
    }

    /// The algorithms the store holds published keys of, read again when older than
    /// `refreshInterval`.
    private func knownAlgorithms() async throws -> Set<TokenAlgorithm> {
        let now = clock.now
        let stale = known.withLock { now.timeIntervalSince($0.checkedAt) >= refreshInterval.timeInterval }
        if stale {
            let algorithms = Set(try await store.keys().filter(\.isPublished).map(\.algorithm)).subtracting([.hs256])
            known.withLock { $0 = ($0.algorithms.union(algorithms), now) }
        }
        return known.withLock { $0.algorithms }
    }

    /// Every published key of every algorithm as a JWK Set, ordered by algorithm then `kid`.
    public func jwks() async throws -> [[String: String]] {
        var keys: [[String: String]] = []
        for algorithm in try await knownAlgorithms().sorted(by: { $0.rawValue < $1.rawValue }) {
            keys += try await ring(for: algorithm).jwks()
        }
        return keys
    }
}
