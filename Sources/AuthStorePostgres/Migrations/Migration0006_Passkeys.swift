/// Passkeys (docs/passkeys.md): WebAuthn credentials and each user's WebAuthn user handle.
///
/// - `passkeys`: one row per credential; `credential_id` is unique across all users (a credential
///   registered twice is refused by the index, whichever registration races); `public_key` is the
///   COSE_Key as the authenticator sent it (public, not sealed); `sign_count` is the last
///   signature counter seen.
/// - `webauthn_user_handles`: the random opaque handle authenticators store for a user, unique.
/// Both go with their user (ON DELETE CASCADE).
enum Migration0006_Passkeys {
    static let migration = PostgresMigration(version: 6, name: "passkeys", sql: #"""
        CREATE TABLE passkeys (
            id              uuid PRIMARY KEY,
            user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            credential_id   bytea NOT NULL,
            public_key      bytea NOT NULL,
            algorithm       integer NOT NULL,
            sign_count      bigint NOT NULL CHECK (sign_count >= 0),
            backup_eligible boolean NOT NULL,
            backed_up       boolean NOT NULL,
            transports      text NOT NULL,
            aaguid          bytea NOT NULL,
            name            text NOT NULL,
            created_at      timestamptz NOT NULL,
            last_used_at    timestamptz
        );
        CREATE UNIQUE INDEX passkeys_credential_id_key ON passkeys (credential_id);
        CREATE INDEX passkeys_user_idx ON passkeys (user_id);
        CREATE TABLE webauthn_user_handles (
            user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            handle  bytea NOT NULL UNIQUE
        );
        """#)
}
