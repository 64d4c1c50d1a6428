import AuthCore
import AuthHTTP
import AuthWeb
import Hummingbird

/// authd's JSON API, sign-in pages and dashboard, served by your own process from an
/// `AuthService` you built (see `Accounts`).
public func makeAccountPages(auth: AuthService, jwtSecret: [UInt8], limiter: any RateLimiter) -> AuthApplication {
    let web = WebFeature(auth: auth, settings: WebSettings(
        origins: ["https://auth.example.com"], csrfKey: WebSettings.csrfKey(derivedFrom: jwtSecret)))
    return AuthApplication(auth: auth, rateLimiter: limiter, features: [web])
}
