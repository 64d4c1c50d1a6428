/// One versioned schema change, embedded in the module as constant SQL.
public struct PostgresMigration: Sendable, Hashable {
    /// Applied in ascending order; never reuse or renumber a version once released.
    public let version: Int
    /// A short name, recorded in `schema_migrations`.
    public let name: String
    /// The statements, run in one transaction.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Every migration this module ships, in order.
    public static let all: [PostgresMigration] = [
        Migration0001_Initial.migration,
        Migration0002_AccountSecurity.migration,
        Migration0003_SecondFactors.migration,
        Migration0004_AccountSettings.migration,
        Migration0005_SigningKeys.migration,
        Migration0006_Passkeys.migration,
        Migration0007_Administration.migration,
        Migration0008_SecondFactorRecency.migration,
        Migration0009_RefreshTokens.migration,
        Migration0010_Webhooks.migration,
        Migration0011_OpenIDProvider.migration,
    ]
}
