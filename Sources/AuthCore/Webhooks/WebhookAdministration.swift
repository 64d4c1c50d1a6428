import Foundation

/// What `authd webhooks`, the admin API and the dashboard do with webhook endpoints and their
/// deliveries (docs/webhooks.md).
public struct WebhookAdministration: Sendable {
    let store: any WebhookStore
    let policy: WebhookTargetPolicy
    let resolver: any AddressResolver
    let clock: any WallClock
    let random: any RandomSource

    /// Creates the administration over `store`.
    /// - Parameters:
    ///   - policy: which targets are allowed.
    ///   - resolver: resolves a target's host name for the policy's check.
    public init(
        store: any WebhookStore, policy: WebhookTargetPolicy, resolver: any AddressResolver,
        clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()
    ) {
        self.store = store
        self.policy = policy
        self.resolver = resolver
        self.clock = clock
        self.random = random
    }

    /// Adds an endpoint with a new signing secret.
    /// - Parameter events: type names (``AuthEvent/EventType/all``); empty or `*` for every type.
    /// - Returns: the endpoint, with its secret (shown this once).
    /// - Throws: `AuthError(.invalidRequest)` for a malformed URL, an unknown event type, or a
    ///   target the policy refuses.
    public func add(url: String, events: [String]) async throws -> WebhookEndpoint {
        let types = try Self.eventTypes(events)
        try await policy.check(url, resolver: resolver)
        let endpoint = WebhookEndpoint(
            url: url, events: types, secret: WebhookSigner.newSecret(random: random), createdAt: clock.now)
        try await store.addEndpoint(endpoint)
        return endpoint
    }

    /// The endpoints, oldest first (secrets included: callers show them masked).
    public func endpoints() async throws -> [WebhookEndpoint] { try await store.endpoints() }

    /// Removes an endpoint and its deliveries.
    /// - Throws: `AuthError(.notFound)`.
    public func remove(_ id: UUID) async throws {
        guard try await store.removeEndpoint(id) else { throw AuthError(.notFound, "no such webhook endpoint") }
    }

    /// The newest deliveries, newest first.
    public func deliveries(endpoint: UUID? = nil, limit: Int = 100) async throws -> [WebhookDelivery] {
        try await store.deliveries(endpoint: endpoint, limit: min(max(limit, 1), 500))
    }

    /// Makes a delivery due again at once.
    /// - Throws: `AuthError(.notFound)`.
    public func redeliver(_ id: UUID) async throws {
        guard try await store.redeliver(id) else { throw AuthError(.notFound, "no such webhook delivery") }
    }

    /// The types named by `names`; empty for every type.
    /// - Throws: `AuthError(.invalidRequest)` naming an unknown type.
    static func eventTypes(_ names: [String]) throws -> [AuthEvent.EventType] {
        let names = names.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if names.isEmpty || names == ["*"] { return [] }
        return try names.map { name in
            let type = AuthEvent.EventType(rawValue: name)
            guard AuthEvent.EventType.all.contains(type) else {
                throw AuthError.invalidRequest(
                    "unknown event type \(name); known: \(AuthEvent.EventType.all.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
    }
}
