import Foundation
import Synchronization

/// The asymmetric keys session tokens are signed and verified with (docs/tokens.md), loaded
/// from the ``SigningKeyStore`` every instance shares.
///
/// The current key signs; every published key (next, current, previous) verifies, chosen by the
/// token's `kid` with no fallback. The ring reloads from the store every ``refreshInterval`` and,
/// at most every few seconds, when a token names a `kid` it does not know, so a rotation or a
/// retirement done through another instance (or `authd keys`) is seen without a restart.
public final class SigningKeyRing: Sendable {
    /// The algorithm every key of the ring uses.
    public let algorithm: TokenAlgorithm
    /// How often keys are reloaded from the store (default 30 s).
    public let refreshInterval: Duration
    private let store: any SigningKeyStore
    private let box: SecretBox
    private let clock: any WallClock
    private let loaded: Mutex<Loaded>

    struct Loaded: Sendable {
        var signer: (kid: String, key: SigningPrivateKey)?
        var published: [String: SigningPublicKey] = [:]
        var loadedAt = Date.distantPast
        var lastUnknownKidRefresh = Date.distantPast
    }

    /// Opens the ring on `store`, making the first keys (a current and a next) when the store has
    /// none.
    /// - Parameter encryptionKey: seals the private keys at rest (at least 32 bytes).
    /// - Throws: `AuthError(.invalidRequest)` for HS256 or a short key; store errors; `internal`
    ///   when stored private keys do not open with `encryptionKey`.
    public init(
        store: any SigningKeyStore, algorithm: TokenAlgorithm, encryptionKey: [UInt8], clock: any WallClock,
        refreshInterval: Duration = .seconds(30)
    ) async throws {
        guard algorithm != .hs256 else { throw AuthError.invalidRequest("HS256 uses the shared secret, not a key ring") }
        self.store = store
        self.algorithm = algorithm
        self.box = try SecretBox(secret: encryptionKey, purpose: "swift-auth signing keys v1")
        self.clock = clock
        self.refreshInterval = refreshInterval
        self.loaded = Mutex(Loaded())
        // Keys are made only when the store has none of this algorithm (RSA keys are slow to make).
        if !(try await store.keys()).contains(where: { $0.algorithm == algorithm && $0.isPublished }) {
            let now = clock.now
            _ = try await store.bootstrap([try makeKey(state: .current, at: now), try makeKey(state: .next, at: now)])
        }
        try await refresh()
        guard loaded.withLock({ $0.signer != nil }) else {
            throw AuthError(.internal, "the store has no current \(algorithm.rawValue) signing key: run `authd keys rotate`")
        }
    }

    /// A new key record for `state`, its private half sealed.
    func makeKey(state: SigningKey.State, at now: Date) throws -> SigningKey {
        let key = try SigningPrivateKey.generate(for: algorithm)
        // The kid is a public name, but must not collide: 96 random bits. The leading letter keeps
        // it from starting with `-` (one base64url kid in 64 did), which a command line such as
        // `authd keys retire <kid>` would read as an option.
        let kid = "k" + Base64URL.encode(SystemRandomSource().bytes(12))
        return SigningKey(
            kid: kid, algorithm: algorithm, state: state, publicKey: key.publicKey.raw,
            sealedPrivateKey: try box.seal(key.raw, boundTo: "kid\u{0}\(kid)"), createdAt: now)
    }

    /// Reloads the keys from the store.
    public func refresh() async throws {
        let keys = try await store.keys()
        var next = Loaded()
        for key in keys where key.isPublished && key.algorithm == algorithm {
            next.published[key.kid] = try SigningPublicKey(raw: key.publicKey, algorithm: algorithm)
            if key.state == .current {
                let raw = try box.open(key.sealedPrivateKey, boundTo: "kid\u{0}\(key.kid)")
                next.signer = (key.kid, try SigningPrivateKey(raw: raw, algorithm: algorithm))
            }
        }
        next.loadedAt = clock.now
        let fresh = next
        loaded.withLock { state in
            let lastUnknown = state.lastUnknownKidRefresh
            state = fresh
            state.lastUnknownKidRefresh = lastUnknown
        }
    }

    /// Reloads when the keys are older than ``refreshInterval`` (a lock read otherwise).
    func refreshIfStale() async throws {
        let stale = loaded.withLock { clock.now.timeIntervalSince($0.loadedAt) >= refreshInterval.timeInterval }
        guard stale else { return }
        do {
            try await refresh()
        } catch {
            // A store outage must not stop tokens: keep the keys already loaded (and try again at
            // the next interval); only a ring that never loaded fails.
            let now = clock.now
            let usable = loaded.withLock { state in
                guard !state.published.isEmpty else { return false }
                state.loadedAt = now
                return true
            }
            if !usable { throw error }
        }
    }

    /// The key that signs now, and its `kid`.
    func signer() async throws -> (kid: String, key: SigningPrivateKey) {
        try await refreshIfStale()
        guard let signer = loaded.withLock({ $0.signer }) else {
            throw AuthError(.internal, "no current signing key of algorithm \(algorithm.rawValue)")
        }
        return signer
    }

    /// The published key `kid`, or `nil` (unknown or retired).
    func publicKey(_ kid: String) async throws -> SigningPublicKey? {
        try await refreshIfStale()
        if let key = loaded.withLock({ $0.published[kid] }) { return key }
        // An unknown kid may be a key another instance just made current: reload, but not more
        // than every few seconds, so a stream of made-up kids cannot hammer the store.
        let now = clock.now
        let mayRefresh = loaded.withLock { state in
            guard now.timeIntervalSince(state.lastUnknownKidRefresh) >= 5 else { return false }
            state.lastUnknownKidRefresh = now
            return true
        }
        guard mayRefresh else { return nil }
        try await refresh()
        return loaded.withLock { $0.published[kid] }
    }

    /// Whether `kid` is published, by keys at most ``refreshInterval`` old.
    func isPublished(_ kid: String) async throws -> Bool {
        try await refreshIfStale()
        return loaded.withLock { $0.published[kid] != nil }
    }

    /// The published keys as a JWK Set (`GET /.well-known/jwks.json`), ordered by `kid`.
    public func jwks() async throws -> [[String: String]] {
        try await refreshIfStale()
        return loaded.withLock { state in state.published.sorted { $0.key < $1.key }.map { $0.value.jwk(kid: $0.key) } }
    }
}
