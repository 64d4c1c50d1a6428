/// Second factors (docs/api.md): authenticator apps, their replay guard, recovery codes, and how a
/// session signed in.
///
/// - `totp_authenticators`: one row per authenticator app; `secret` is AES-GCM ciphertext bound to
///   the row (never the secret itself); `confirmed_at` NULL while the enrolment is pending.
/// - `totp_last_steps`: the latest accepted time step per user; a step is accepted only when it
///   is later (an upsert with a `WHERE`, decided under the row lock).
/// - `recovery_codes`: HMAC-SHA256 of each code under the server's code key, bound to the user.
/// - `verification_codes.first_factor`: the first factor (`pwd`, `fed`) an `mfa` challenge follows.
/// - `sessions.amr`, `sessions.aal`: how the session signed in (space-separated; NULL: `pwd`, 1).
enum Migration0003_SecondFactors {
    static let migration = PostgresMigration(version: 3, name: "second_factors", sql: #"""
        CREATE TABLE totp_authenticators (
            id           uuid PRIMARY KEY,
            user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name         text NOT NULL,
            secret       bytea NOT NULL,
            created_at   timestamptz NOT NULL,
            confirmed_at timestamptz,
            last_used_at timestamptz
        );
        CREATE INDEX totp_authenticators_user_idx ON totp_authenticators (user_id);
        CREATE INDEX totp_authenticators_pending_idx ON totp_authenticators (created_at) WHERE confirmed_at IS NULL;
        CREATE TABLE totp_last_steps (
            user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            step    bigint NOT NULL
        );
        CREATE TABLE recovery_codes (
            user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            code_hash  bytea NOT NULL,
            created_at timestamptz NOT NULL,
            used_at    timestamptz,
            PRIMARY KEY (user_id, code_hash)
        );
        ALTER TABLE verification_codes ADD COLUMN first_factor text;
        ALTER TABLE sessions ADD COLUMN amr text;
        ALTER TABLE sessions ADD COLUMN aal integer;
        """#)
}
