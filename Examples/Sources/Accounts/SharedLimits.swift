import AuthCore

/// An `AuthService` with a looser password limit whose counters several processes share.
///
/// `sharedLimiter` is any ``RateLimiter``: `RedisRateLimiter` (AuthCacheRedis) when several
/// processes serve, `InMemoryRateLimiter` when one does.
public func makeAuthService(secret: [UInt8], sharedLimiter: any RateLimiter) async throws -> AuthService {
    var configuration = AuthConfiguration()
    configuration.abuse.passwordFailuresPerAccountAndNetwork = RateLimitPolicy(limit: 10, window: .seconds(900))
    configuration.totpIssuer = "Example Shop"  // the name authenticator apps show beside the code
    var dependencies = AuthDependencies.inMemory()
    dependencies.rateLimiter = sharedLimiter
    return try await AuthService(dependencies: dependencies, jwtSecret: secret, configuration: configuration)
}
