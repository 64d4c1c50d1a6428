import AuthCore
import Foundation

/// A ``RefreshTokenStore`` over the `refresh_tokens` table (one row per session).
///
/// Rotation is one conditional `UPDATE … WHERE generation = presented AND token_hash = …`: row
/// locking makes concurrent refreshes of one session, from any number of instances, take turns,
/// and the `WHERE` is checked again against the row the winner wrote, so exactly one of them
/// rotates. The others then read the row (a new statement, so it sees the winner's commit) and
/// are answered with the same successor while the reuse interval lasts.
public struct PostgresRefreshTokenStore: RefreshTokenStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func insert(_ session: SessionID, tokenHash: [UInt8]) async throws {
        let query: PostgresQuery = """
            INSERT INTO refresh_tokens (session_id, generation, token_hash) \
            VALUES (\(.uuid(session.rawValue)), 0, \(.bytea(tokenHash)))
            """
        try await pool.query(query.prepared(as: "refresh_insert"))
    }

    public func state(of session: SessionID) async throws -> RefreshTokenState? {
        let query: PostgresQuery = """
            SELECT generation, token_hash, rotated_at FROM refresh_tokens WHERE session_id = \(.uuid(session.rawValue))
            """
        return try await pool.query(query.prepared(as: "refresh_state")).rows.first.map { row in
            RefreshTokenState(
                sessionID: session, generation: try row.int("generation"), tokenHash: try row.bytes("token_hash"),
                rotatedAt: try row.optionalDate("rotated_at"))
        }
    }

    public func rotate(
        _ session: SessionID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) async throws -> RefreshRotation {
        // Two tries: the read below can only see the presented generation as current if the row
        // changed back between the statements, which rotation never does; it is not trusted.
        for _ in 0..<2 {
            let update: PostgresQuery = """
                UPDATE refresh_tokens SET generation = generation + 1, token_hash = \(.bytea(successorHash)), \
                rotated_at = \(.timestamp(now)) \
                WHERE session_id = \(.uuid(session.rawValue)) AND generation = \(.int(presented)) \
                AND token_hash = \(.bytea(presentedHash)) RETURNING generation
                """
            if let row = try await pool.query(update.prepared(as: "refresh_rotate")).rows.first {
                return .rotated(generation: try row.int("generation"))
            }
            guard let state = try await state(of: session) else { return .unknown }
            let outcome = state.outcome(
                presented: presented, presentedHash: presentedHash, at: now, reuseInterval: reuseInterval)
            if case .rotated = outcome { continue }
            return outcome
        }
        return .unknown
    }
}
