import Foundation
import JWTKit

/// A provider's signing keys (its JWKS), cached and looked up by `kid` with no silent fallback.
///
/// An id_token naming a `kid` the cache does not hold triggers one refetch (the provider rotated
/// its keys), at most once per ``minimumRefreshInterval`` so a flood of made-up `kid`s cannot turn
/// into a flood of fetches. Keys are also refetched after ``maximumAge`` so a key the provider
/// withdrew stops being trusted. A token without `kid` is accepted only while the set holds exactly
/// one key (some providers omit `kid` then).
actor JWKSCache {
    struct Snapshot: Sendable {
        var keys: JWTKeyCollection
        var kids: Set<String>
        var uri: URL
        var fetchedAt: Date
    }

    let fetcher: any HTTPFetcher
    let clock: any WallClock
    let minimumRefreshInterval: TimeInterval
    let maximumAge: TimeInterval
    private var snapshot: Snapshot?
    private var refreshing: Task<Snapshot, any Error>?

    init(fetcher: any HTTPFetcher, clock: any WallClock, minimumRefreshInterval: TimeInterval = 60, maximumAge: TimeInterval = 3600) {
        self.fetcher = fetcher
        self.clock = clock
        self.minimumRefreshInterval = minimumRefreshInterval
        self.maximumAge = maximumAge
    }

    /// The keys to verify a token signed with `kid`, fetched from `uri` when needed.
    /// - Throws: `AuthError(.oauthFailed)` when the key is unknown or the set cannot be fetched.
    func keys(for kid: String?, uri: URL) async throws -> JWTKeyCollection {
        let now = clock.now
        let current: Snapshot
        if let cached = snapshot, cached.uri == uri, now.timeIntervalSince(cached.fetchedAt) < maximumAge {
            let unknown = kid.map { !cached.kids.contains($0) } ?? false
            let mayRefresh = now.timeIntervalSince(cached.fetchedAt) >= minimumRefreshInterval
            current = unknown && mayRefresh ? try await refresh(uri) : cached
        } else {
            current = try await refresh(uri)
        }
        if let kid {
            guard current.kids.contains(kid) else { throw AuthError.oauth(.malformedIDToken) }
        } else {
            guard current.kids.count == 1 else { throw AuthError.oauth(.malformedIDToken) }
        }
        return current.keys
    }

    /// Fetches the set, sharing one fetch between concurrent callers.
    private func refresh(_ uri: URL) async throws -> Snapshot {
        if let refreshing { return try await refreshing.value }
        let task = Task { [fetcher, clock] in try await Self.fetch(uri, fetcher: fetcher, now: clock.now) }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        snapshot = fresh
        return fresh
    }

    private static func fetch(_ uri: URL, fetcher: any HTTPFetcher, now: Date) async throws -> Snapshot {
        let response = try await OAuthHTTP.fetch(FetchRequest(url: uri, headers: ["Accept": "application/json"]), with: fetcher)
        guard response.status == 200 else { throw AuthError.oauth(.providerUnavailable) }
        let set = try OAuthHTTP.decode(LenientJWKS.self, from: response, failure: .providerUnavailable)
        let keys = JWTKeyCollection()
        var kids: Set<String> = []
        for entry in set.keys where entry.use == nil || entry.use == "sig" {
            // Keys of kinds jwt-kit cannot use (or without `kid`) are skipped, not fatal: one odd
            // key must not take the provider's other keys down with it.
            guard let jwk = entry.jwk, let kid = jwk.keyIdentifier?.string, !kids.contains(kid) else { continue }
            if (try? await keys.add(jwks: JWKS(keys: [jwk]))) != nil { kids.insert(kid) }
        }
        guard !kids.isEmpty else { throw AuthError.oauth(.providerUnavailable) }
        return Snapshot(keys: keys, kids: kids, uri: uri, fetchedAt: now)
    }
}

/// A JWKS whose individual keys may fail to decode without failing the set.
private struct LenientJWKS: Decodable {
    struct Entry: Decodable {
        var jwk: JWK?
        var use: String?
        enum CodingKeys: String, CodingKey { case use }
        init(from decoder: any Decoder) throws {
            jwk = try? JWK(from: decoder)
            use = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .use)
        }
    }
    var keys: [Entry]
}
