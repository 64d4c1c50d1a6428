import Foundation
import Logging

/// Runs an ``AuthHooks`` value within its time budgets and turns its failures into the outcomes
/// docs/webhooks.md promises: a failing `before` hook refuses, a failing `after` hook is logged.
struct HookRunner: Sendable {
    let hooks: AuthHooks
    let logger: Logger

    /// Asks ``AuthHooks/beforeUserCreated``, when there is one.
    /// - Throws: `AuthError(.signUpDenied)` with the hook's message when it denies;
    ///   `AuthError(.unavailable)` when it fails or overruns its budget.
    func beforeUserCreated(_ attempt: SignUpAttempt) async throws {
        guard let hook = hooks.beforeUserCreated else { return }
        let decision: SignUpDecision
        do {
            decision = try await Self.within(hooks.beforeBudget) { try await hook(attempt) }
        } catch {
            logger.error("before-sign-up hook failed: sign-up refused", metadata: ["error": "\(error)"])
            throw AuthError(.unavailable, "sign-up is unavailable right now; try again later", underlying: error)
        }
        if case .deny(let message) = decision {
            let shown = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw AuthError(.signUpDenied, shown.isEmpty ? nil : String(shown.prefix(500)))
        }
    }

    /// The custom claims for a new session's token (reserved ones dropped); none without a hook.
    /// - Throws: `AuthError(.unavailable)` when the hook fails or overruns its budget.
    func customClaims(_ user: User, _ session: Session) async throws -> [String: ClaimValue] {
        guard let hook = hooks.customClaims else { return [:] }
        do {
            return ReservedClaims.removing(from: try await Self.within(hooks.beforeBudget) { try await hook(user, session) })
        } catch {
            logger.error("custom-claims hook failed: sign-in refused", metadata: ["error": "\(error)"])
            throw AuthError(.unavailable, "sign-in is unavailable right now; try again later", underlying: error)
        }
    }

    /// Tells ``AuthHooks/eventOccurred`` of `event`; a failure is logged, never thrown.
    func eventOccurred(_ event: AuthEvent) async {
        guard let hook = hooks.eventOccurred else { return }
        do {
            try await Self.within(hooks.afterBudget) { try await hook(event) }
        } catch {
            logger.warning(
                "event hook failed", metadata: ["event": "\(event.type)", "event_id": "\(event.id)", "error": "\(error)"])
        }
    }

    /// The hook's budget ran out.
    struct BudgetExceeded: Error, CustomStringConvertible {
        let budget: Duration
        var description: String { "the hook took longer than its budget of \(budget)" }
    }

    /// `body`'s result, or ``BudgetExceeded`` once `budget` has passed (`body` is cancelled).
    static func within<T: Sendable>(_ budget: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: budget)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
                throw BudgetExceeded(budget: budget)
            }
            throw BudgetExceeded(budget: budget)
        }
    }
}
