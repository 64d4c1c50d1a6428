/// When a session last proved a second factor (docs/api.md, "Recent authentication"):
/// - `sessions.second_factor_at`: a sign-in at `aal` 2 or a reauthentication with a second factor;
///   NULL when the session never proved one. Changes to an account's protection need it within
///   the recent-authentication window, so a password proven again cannot stand in for it.
///
/// Sessions already at `aal` 2 are given their creation time: no later than their real proof, so
/// no session becomes more recent than it is.
enum Migration0008_SecondFactorRecency {
    static let migration = PostgresMigration(version: 8, name: "second_factor_recency", sql: #"""
        ALTER TABLE sessions ADD COLUMN second_factor_at timestamptz;
        UPDATE sessions SET second_factor_at = created_at WHERE aal >= 2 AND revoked_at IS NULL;
        """#)
}
