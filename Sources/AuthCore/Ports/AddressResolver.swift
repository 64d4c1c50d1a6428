import Foundation

/// Resolves host names, for the checks of ``WebhookTargetPolicy``.
public protocol AddressResolver: Sendable {
    /// Every address `host` resolves to.
    /// - Throws: `AuthError(.invalidRequest)` when it resolves to none.
    func addresses(of host: String) async throws -> [IPAddress]
}
