/// The initial schema: users, credentials, sessions, one-time codes, OAuth links, audit events and
/// the mail outbox.
///
/// Every timestamp is `timestamptz` (microsecond precision, stored as UTC). Emails arrive
/// normalised to lower case; the unique index on `lower(email)` keeps them unique even if a writer
/// ever forgets.
enum Migration0001_Initial {
    static let migration = PostgresMigration(version: 1, name: "initial", sql: #"""
        CREATE TABLE users (
            id                uuid PRIMARY KEY,
            email             text NOT NULL UNIQUE,
            is_email_verified boolean NOT NULL DEFAULT false,
            image_url         text,
            mfa_enabled       boolean NOT NULL DEFAULT false,
            is_banned         boolean NOT NULL DEFAULT false,
            created_at        timestamptz NOT NULL,
            updated_at        timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

        CREATE TABLE credentials (
            user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            password_hash text NOT NULL,
            updated_at    timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE sessions (
            id           uuid PRIMARY KEY,
            user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            client_name  text NOT NULL DEFAULT '',
            user_agent   text NOT NULL DEFAULT '',
            ip           text NOT NULL DEFAULT '',
            location     text NOT NULL DEFAULT '',
            created_at   timestamptz NOT NULL,
            last_used_at timestamptz NOT NULL,
            expires_at   timestamptz NOT NULL,
            revoked_at   timestamptz
        );
        -- The sessions list (/me/all) and logout-all read only live sessions of one user.
        CREATE INDEX sessions_user_live_idx ON sessions (user_id, last_used_at DESC) WHERE revoked_at IS NULL;
        -- The purge job deletes by expiry and by revocation time.
        CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
        CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

        CREATE TABLE verification_codes (
            id              uuid PRIMARY KEY,
            user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            purpose         text NOT NULL CHECK (purpose IN ('sign_up', 'mfa', 'password_reset')),
            code_hash       bytea NOT NULL,
            created_at      timestamptz NOT NULL,
            expires_at      timestamptz NOT NULL,
            failed_attempts integer NOT NULL DEFAULT 0,
            consumed_at     timestamptz
        );
        -- At most one live code per user and purpose: a resend replaces it atomically.
        CREATE UNIQUE INDEX verification_codes_live_key ON verification_codes (user_id, purpose) WHERE consumed_at IS NULL;
        CREATE INDEX verification_codes_user_purpose_idx ON verification_codes (user_id, purpose);
        CREATE INDEX verification_codes_expires_at_idx ON verification_codes (expires_at);

        CREATE TABLE oauth_accounts (
            provider   text NOT NULL,
            subject    text NOT NULL,
            user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            email      text NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (provider, subject)
        );
        CREATE INDEX oauth_accounts_user_id_idx ON oauth_accounts (user_id);

        -- No foreign key: the audit trail outlives the users it mentions.
        CREATE TABLE audit_events (
            seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id         uuid NOT NULL UNIQUE,
            kind       text NOT NULL,
            user_id    uuid,
            email      text,
            ip         text NOT NULL DEFAULT '',
            user_agent text NOT NULL DEFAULT '',
            client     text NOT NULL DEFAULT '',
            location   text NOT NULL DEFAULT '',
            at         timestamptz NOT NULL,
            detail     text
        );
        CREATE INDEX audit_events_user_at_idx ON audit_events (user_id, at DESC, seq DESC);

        CREATE TABLE mail_outbox (
            id              uuid PRIMARY KEY,
            recipient       text NOT NULL,
            kind            text NOT NULL,
            payload         jsonb NOT NULL,
            created_at      timestamptz NOT NULL DEFAULT now(),
            attempts        integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            sent_at         timestamptz,
            last_error      text
        );
        CREATE INDEX mail_outbox_pending_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
        """#)
}
