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

    /// How `method` presents itself to people, or `nil` when it is not registered.
    public func presentation(of method: SecondFactorMethod) -> SecondFactorPresentation? {
        factor(method)?.presentation
    }

    /// The typed-code methods a second step offers when it does not know the account's methods
    /// (``SecondFactorPresentation/offeredByDefault``), in registration order.
    public var offeredByDefault: [SecondFactorMethod] {
        factors.filter { $0.presentation.prompt == .typedCode && $0.presentation.offeredByDefault }.map(\.method)
    }

    /// The methods `user` has switched on, in registration order; empty when the user has no
    /// second factor. Backup methods (recovery codes) are listed only beside a method that is not
    /// one: left alone they do not make the account ask for a second factor.
    /// - Parameter firstFactor: the `amr` of the first factor a sign-in was proven with; a method
    ///   proving the same thing (the mailed code after a sign-in by mailed code) is left out.
    public func methods(for user: User, after firstFactor: String? = nil) async throws -> [SecondFactorMethod] {
        // Primary methods first: backups are asked about (a store read each) only when one is on,
        // so an account without a second factor costs one read per primary method, on every
        // token validation that misses the cache.
        let candidates = factors.filter { $0.amr != firstFactor }
        var enabled = Set<SecondFactorMethod>()
        for factor in candidates where !factor.isBackup {
            if try await factor.isEnabled(for: user) { enabled.insert(factor.method) }
        }
        guard !enabled.isEmpty else { return [] }
        for factor in candidates where factor.isBackup {
            if try await factor.isEnabled(for: user) { enabled.insert(factor.method) }
        }
        return candidates.map(\.method).filter(enabled.contains)
    }

    /// Whether `user` holds a method that can prove itself again (an authenticator app): then
    /// changes to the account's protection need that proof, not only a password.
    public func requiresSecondFactorProof(for user: User) async throws -> Bool {
        for factor in factors where !factor.isBackup && factor.supportsReauthentication {
            if try await factor.isEnabled(for: user) { return true }
        }
        return false
    }

    /// What `GET /mfa` lists for `user`, method by method in registration order.
    public func enrolments(of user: User) async throws -> [SecondFactorEnrolment] {
        var all: [SecondFactorEnrolment] = []
        for factor in factors where !factor.isBackup { all += try await factor.enrolments(of: user) }
        return all
    }
}
