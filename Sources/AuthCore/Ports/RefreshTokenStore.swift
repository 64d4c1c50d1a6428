import Foundation

/// What a session's refresh token is at: its generation (how many times it rotated) and the hash
/// of the token of that generation. The tokens themselves are never stored (docs/tokens.md,
/// "Refresh tokens").
public struct RefreshTokenState: Hashable, Sendable {
    public var sessionID: SessionID
    /// The generation of the token that refreshes now (0 at sign-in).
    public var generation: Int
    /// SHA-256 of the current token.
    public var tokenHash: [UInt8]
    /// When the previous generation was replaced (`nil` before the first rotation).
    public var rotatedAt: Date?

    /// Creates a state.
    public init(sessionID: SessionID, generation: Int, tokenHash: [UInt8], rotatedAt: Date?) {
        self.sessionID = sessionID
        self.generation = generation
        self.tokenHash = tokenHash
        self.rotatedAt = rotatedAt
    }
}

/// What presenting a refresh token of some generation did.
public enum RefreshRotation: Hashable, Sendable {
    /// It was the current token: the session moved on to `generation` (one more).
    case rotated(generation: Int)
    /// It was the token replaced last, presented again within the reuse interval: `generation` is
    /// the successor it was already answered with (a lost response, a retry, tabs racing).
    case replayed(generation: Int)
    /// An older token, or the replaced one after the reuse interval: someone holds a token the
    /// owner has moved past. The session must end.
    case reused
    /// The session has no refresh token (never had one, or its row is gone), or the hash does not
    /// match the generation.
    case unknown
}

/// The rotation state of refresh tokens, one row per session.
///
/// - Important: ``rotate(_:presented:presentedHash:successorHash:at:reuseInterval:)`` must be
///   atomic across every instance that shares the store: of any number of concurrent calls with
///   the current generation, exactly one rotates and every other one sees ``RefreshRotation/replayed(generation:)``
///   with that same successor.
public protocol RefreshTokenStore: Sendable {
    /// Records the first token (generation 0) of a new session.
    /// - Throws: `conflict` when the session already has one; a store with foreign keys may
    ///   throw `not_found` when the session does not exist.
    func insert(_ session: SessionID, tokenHash: [UInt8]) async throws
    /// The state of `session`'s token, or `nil`.
    func state(of session: SessionID) async throws -> RefreshTokenState?
    /// Presents the token of generation `presented` (whose SHA-256 is `presentedHash`), in one
    /// atomic step: when it is the current one, the session moves to `presented + 1` whose token
    /// hashes to `successorHash`, replaced at `now`.
    /// - Parameter reuseInterval: how long the token just replaced may be presented again and get
    ///   the same successor.
    func rotate(
        _ session: SessionID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) async throws -> RefreshRotation
}

extension RefreshTokenState {
    /// The answer to presenting generation `presented` with hash `presentedHash` at `now`, without
    /// the write: for stores that hold the state under their own lock.
    public func outcome(presented: Int, presentedHash: [UInt8], at now: Date, reuseInterval: Duration) -> RefreshRotation {
        if presented == generation {
            return ConstantTime.equals(presentedHash, tokenHash) ? .rotated(generation: generation + 1) : .unknown
        }
        if presented == generation - 1, let rotatedAt, now.timeIntervalSince(rotatedAt) < reuseInterval.timeInterval {
            return .replayed(generation: generation)
        }
        return presented < generation ? .reused : .unknown
    }

    /// Presents generation `presented` and, when it is the current one, moves this state on to
    /// the successor (`successorHash`, replaced at `now`): ``outcome(presented:presentedHash:at:reuseInterval:)``
    /// with its write, for stores that hold the state under their own lock.
    public mutating func present(
        _ presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date, reuseInterval: Duration
    ) -> RefreshRotation {
        let outcome = outcome(presented: presented, presentedHash: presentedHash, at: now, reuseInterval: reuseInterval)
        if case .rotated(let next) = outcome {
            generation = next
            tokenHash = successorHash
            rotatedAt = now
        }
        return outcome
    }
}
