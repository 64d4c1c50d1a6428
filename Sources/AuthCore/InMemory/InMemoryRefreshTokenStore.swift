import Foundation

/// A ``RefreshTokenStore`` in memory. The actor serialises rotations, which is all one process
/// needs; instances that share sessions need a shared store (PostgreSQL).
public actor InMemoryRefreshTokenStore: RefreshTokenStore {
    private var states: [SessionID: RefreshTokenState] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ session: SessionID, tokenHash: [UInt8]) throws {
        guard states[session] == nil else { throw AuthError(.conflict, "refresh token exists") }
        states[session] = RefreshTokenState(sessionID: session, generation: 0, tokenHash: tokenHash, rotatedAt: nil)
    }

    public func state(of session: SessionID) -> RefreshTokenState? { states[session] }

    public func rotate(
        _ session: SessionID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) -> RefreshRotation {
        guard var state = states[session] else { return .unknown }
        let outcome = state.present(
            presented, presentedHash: presentedHash, successorHash: successorHash, at: now, reuseInterval: reuseInterval)
        states[session] = state
        return outcome
    }

}
