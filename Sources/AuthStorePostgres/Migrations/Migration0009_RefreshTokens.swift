/// Refresh tokens (docs/tokens.md, "Refresh tokens"): one row per session that holds one.
/// - `generation`: how many times the session's refresh token rotated; the token of a generation
///   is derived from the server secret, so no token is stored.
/// - `token_hash`: SHA-256 of the current token.
/// - `rotated_at`: when the previous generation was replaced (its reuse interval starts there).
///
/// The row goes with its session (`ON DELETE CASCADE`): a purged or deleted session leaves no
/// refresh state behind. Ending a session needs no write here: a refresh reads the session first.
enum Migration0009_RefreshTokens {
    static let migration = PostgresMigration(version: 9, name: "refresh_tokens", sql: #"""
        CREATE TABLE refresh_tokens (
            session_id  uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            generation  bigint NOT NULL CHECK (generation >= 0),
            token_hash  bytea NOT NULL,
            rotated_at  timestamptz
        );
        """#)
}
