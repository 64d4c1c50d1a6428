/// The admin API and dashboard (docs/admin.md):
/// - `admin_roles`: the stored admin role (`authd admin grant|revoke`); it goes with the account.
/// - `audit_events.actor_id`: who did it when that is not the user (the admin behind an action).
/// - Indexes for the admin listings: users by address prefix (`text_pattern_ops`, so
///   `LIKE 'prefix%'` uses it whatever the collation), the audit log newest first by kind, and
///   live sessions for the counts.
///
/// Numbered 7: version 6 is reserved for passkeys, developed beside it.
enum Migration0007_Administration {
    static let migration = PostgresMigration(version: 7, name: "administration", sql: #"""
        CREATE TABLE admin_roles (
            user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            granted_at timestamptz NOT NULL
        );
        ALTER TABLE audit_events ADD COLUMN actor_id uuid;
        CREATE INDEX users_email_pattern_idx ON users (email text_pattern_ops);
        CREATE INDEX audit_events_kind_seq_idx ON audit_events (kind, seq DESC);
        CREATE INDEX audit_events_at_idx ON audit_events (at);
        """#)
}
