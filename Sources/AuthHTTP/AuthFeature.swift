import Hummingbird

/// An optional family of routes that ``AuthApplication`` registers beside the seed's API: OAuth
/// sign-in today; second factors, passkeys, admin and pages as they land. A new feature is one
/// type conforming to this protocol plus one entry in the host's `features` list.
public protocol AuthFeature: Sendable {
    /// Adds the feature's routes to `router` (under whatever prefix the feature owns), using the
    /// shared rate limits, authentication and client metadata of `support`.
    func register(on router: Router<AuthRequestContext>, support: RouteSupport)
}
