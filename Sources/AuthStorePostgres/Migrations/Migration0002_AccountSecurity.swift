/// Account security (docs/api.md, "Account lifecycle and enumeration"): pending sign-ups carry their own password, decoy codes have no
/// user, and a session remembers when it last proved its user (recent authentication).
///
/// - `verification_codes.user_id` may be NULL: a decoy for an address without an account;
///   `decoy_key` (a keyed tag of the address) lets a new decoy replace the earlier one.
/// - `verification_codes.pending_password`: the PHC hash a sign-up carried, installed only when
///   that row's own code is redeemed. Such rows are outside the one-live-code-per-user-and-purpose
///   index, so a repeat sign-up never replaces another's pending sign-up.
/// - `sessions.authenticated_at`: the last sign-in or reauthentication (NULL: `created_at`).
enum Migration0002_AccountSecurity {
    static let migration = PostgresMigration(version: 2, name: "account_security", sql: #"""
        ALTER TABLE verification_codes ALTER COLUMN user_id DROP NOT NULL;
        ALTER TABLE verification_codes ADD COLUMN pending_password text;
        ALTER TABLE verification_codes ADD COLUMN decoy_key text;
        CREATE INDEX verification_codes_decoy_idx ON verification_codes (decoy_key, purpose) WHERE decoy_key IS NOT NULL;
        DROP INDEX verification_codes_live_key;
        CREATE UNIQUE INDEX verification_codes_live_key ON verification_codes (user_id, purpose)
            WHERE consumed_at IS NULL AND pending_password IS NULL AND user_id IS NOT NULL;
        ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz;
        """#)
}
