/// authd as an OpenID Provider (docs/oidc.md):
/// - `openid_clients`: the registered apps. `secret_hash` (SHA-256 of the client secret) is NULL
///   for a public client; the URI lists are JSON arrays of strings, each matched exactly.
/// - `openid_grants`: one row per authorization code exchange, hanging off the authd session the
///   user signed in with. The refresh columns are NULL together when the grant has no refresh
///   token (no `offline_access`); rotation works as `refresh_tokens`' does (migration 9).
/// - `openid_consents`: the scopes a user let a third-party client have, one row per user and client.
///
/// Everything goes with what it hangs off (`ON DELETE CASCADE`): removing a client takes its
/// grants and consents; deleting a user takes theirs; a session the purge job deletes takes its
/// grants, revoked ones included, so revoked grants need no purge of their own.
enum Migration0011_OpenIDProvider {
    static let migration = PostgresMigration(version: 11, name: "openid_provider", sql: #"""
        CREATE TABLE openid_clients (
            id                        text COLLATE "C" PRIMARY KEY,
            name                      text NOT NULL,
            secret_hash               bytea,
            redirect_uris             jsonb NOT NULL CHECK (jsonb_typeof(redirect_uris) = 'array'),
            post_logout_redirect_uris jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(post_logout_redirect_uris) = 'array'),
            first_party               boolean NOT NULL DEFAULT false,
            id_token_alg              text NOT NULL,
            created_at                timestamptz NOT NULL
        );

        CREATE TABLE openid_grants (
            id                   uuid PRIMARY KEY,
            client_id            text COLLATE "C" NOT NULL REFERENCES openid_clients (id) ON DELETE CASCADE,
            user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            session_id           uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            scopes               jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
            created_at           timestamptz NOT NULL,
            revoked_at           timestamptz,
            refresh_generation   bigint CHECK (refresh_generation >= 0),
            refresh_token_hash   bytea,
            refresh_rotated_at   timestamptz,
            CHECK ((refresh_generation IS NULL) = (refresh_token_hash IS NULL))
        );
        -- Revoking a user's grants to one client, erasing a user, and the cascade from users.
        CREATE INDEX openid_grants_user_client_idx ON openid_grants (user_id, client_id);
        -- The cascades from sessions (the purge job deletes ended sessions) and from clients.
        CREATE INDEX openid_grants_session_idx ON openid_grants (session_id);
        CREATE INDEX openid_grants_client_idx ON openid_grants (client_id);

        CREATE TABLE openid_consents (
            user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_id  text COLLATE "C" NOT NULL REFERENCES openid_clients (id) ON DELETE CASCADE,
            scopes     jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
            granted_at timestamptz NOT NULL,
            PRIMARY KEY (user_id, client_id)
        );
        -- The cascade from clients.
        CREATE INDEX openid_consents_client_idx ON openid_consents (client_id);
        """#)
}
