/// The second-factor methods a service offers, by name, in the order they are listed to clients.
public struct SecondFactorRegistry: Sendable {
    private let factors: [any SecondFactor]

    /// Registers `factors`.
    /// - Throws: `AuthError(.invalidRequest)` when two factors claim one method name.
    public init(_ factors: [any SecondFactor]) throws {
        var seen = Set<SecondFactorMethod>()
        for factor in factors where !seen.insert(factor.method).inserted {
            throw AuthError.invalidRequest("second factor \(factor.method) is registered twice")
        }
        self.factors = factors
    }

    /// Every registered method, in order.
    public var methods: [SecondFactorMethod] { factors.map(\.method) }

    /// The factor registered for `method`, or `nil`.
    public func factor(_ method: SecondFactorMethod) -> (any SecondFactor)? {
        factors.first { $0.method == method }
    }

    /// The methods `user` has switched on, in registration order; empty when the user has no
    /// second factor.
    public func methods(for user: User) async throws -> [SecondFactorMethod] {
        var enabled: [SecondFactorMethod] = []
        for factor in factors where try await factor.isEnabled(for: user) { enabled.append(factor.method) }
        return enabled
    }
}
