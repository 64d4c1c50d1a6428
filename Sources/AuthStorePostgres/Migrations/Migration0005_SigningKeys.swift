/// Token-signing keys (docs/tokens.md): one row per key; `private_key` is AES-GCM ciphertext bound to
/// its `kid`; at most one `current` key per algorithm (a partial unique index).
enum Migration0005_SigningKeys {
    static let migration = PostgresMigration(version: 5, name: "signing_keys", sql: #"""
        CREATE TABLE signing_keys (
            kid              text PRIMARY KEY,
            algorithm        text NOT NULL,
            state            text NOT NULL CHECK (state IN ('next', 'current', 'previous', 'retired')),
            public_key       bytea NOT NULL,
            private_key      bytea NOT NULL,
            created_at       timestamptz NOT NULL,
            state_changed_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (algorithm) WHERE state = 'current';
        """#)
}
