/// Account settings (docs/api.md): email change and sign-in by mailed code, and account deletion.
///
/// - Two new code purposes, `email_change` (with `pending_email`, the address the account moves
///   to when the code is redeemed) and `email_sign_in`.
/// - Indexes that let a deletion find the audit events and outbox mail of an address.
enum Migration0004_AccountSettings {
    static let migration = PostgresMigration(version: 4, name: "account_settings", sql: #"""
        ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_purpose_check;
        ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_purpose_check
            CHECK (purpose IN ('sign_up', 'mfa', 'password_reset', 'email_change', 'email_sign_in'));
        ALTER TABLE verification_codes ADD COLUMN pending_email text;
        CREATE INDEX audit_events_email_idx ON audit_events (email) WHERE email IS NOT NULL;
        CREATE INDEX mail_outbox_recipient_idx ON mail_outbox (recipient);
        """#)
}
