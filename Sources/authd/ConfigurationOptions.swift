import ArgumentParser

/// The settings of ``Setting/all``, each a flag and an environment variable (the flag wins).
/// Values are taken as text and validated by ``ServerConfiguration`` so that every bad value gets
/// the same one-line error and exit code 2.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: Setting.host.help)
    var host: String?

    @Option(help: Setting.port.help)
    var port: String?

    @Option(help: Setting.databaseURL.help)
    var databaseURL: String?

    @Option(help: Setting.databasePoolSize.help)
    var databasePoolSize: String?

    @Option(help: Setting.databaseIdleTimeout.help)
    var databaseIdleTimeout: String?

    @Option(help: Setting.databaseMaxLifetime.help)
    var databaseMaxLifetime: String?

    @Option(help: Setting.databaseStatementTimeout.help)
    var databaseStatementTimeout: String?

    @Option(help: Setting.redisURL.help)
    var redisURL: String?

    @Option(help: Setting.smtpURL.help)
    var smtpURL: String?

    @Option(help: Setting.mailFrom.help)
    var mailFrom: String?

    @Flag(help: "Serve a database whose schema is newer than this authd knows (after a rollback).")
    var allowNewerSchema = false

    @Option(help: Setting.mailLog.help)
    var mailLog: String?

    @Option(help: Setting.jwtSecret.help)
    var jwtSecret: String?

    @Option(help: Setting.encryptionKey.help)
    var encryptionKey: String?

    @Option(help: Setting.jwtAlg.help)
    var jwtAlg: String?

    @Option(help: Setting.jwtKeyRefresh.help)
    var jwtKeyRefresh: String?

    @Option(help: Setting.introspectionClients.help)
    var introspectionClients: String?

    @Option(help: Setting.sessionTTL.help)
    var sessionTTL: String?

    @Option(help: Setting.accessTokenTTL.help)
    var accessTokenTTL: String?

    @Option(help: Setting.sessionMaxLifetime.help)
    var sessionMaxLifetime: String?

    @Option(help: Setting.refreshReuseInterval.help)
    var refreshReuseInterval: String?

    @Option(help: Setting.refreshRateLimit.help)
    var refreshRateLimit: String?

    @Option(help: Setting.reauthenticationWindow.help)
    var reauthenticationWindow: String?

    @Option(help: Setting.rateLimit.help)
    var rateLimit: String?

    @Option(help: Setting.adminEmails.help)
    var adminEmails: String?

    @Option(help: Setting.publicURL.help)
    var publicURL: String?

    @Option(help: Setting.trustedProxies.help)
    var trustedProxies: String?

    @Option(name: .customLong("geoip-db"), help: Setting.geoIPDatabase.help)
    var geoIPDatabase: String?

    @Option(help: Setting.googleClientID.help)
    var googleClientID: String?

    @Option(help: Setting.googleClientSecret.help)
    var googleClientSecret: String?

    @Option(help: Setting.googleIssuer.help)
    var googleIssuer: String?

    @Option(name: .customLong("oauth-providers"), help: Setting.oauthProviders.help)
    var oauthProviders: String?

    @Option(name: .customLong("oauth-redirect-allowlist"), help: Setting.oauthRedirectAllowlist.help)
    var oauthRedirectAllowlist: String?

    @Option(name: .customLong("webauthn-rp-id"), help: Setting.webAuthnRPID.help)
    var webAuthnRPID: String?

    @Option(name: .customLong("webauthn-origins"), help: Setting.webAuthnOrigins.help)
    var webAuthnOrigins: String?

    @Option(help: Setting.httpReadTimeout.help)
    var httpReadTimeout: String?

    @Option(help: Setting.httpIdleTimeout.help)
    var httpIdleTimeout: String?

    @Option(help: Setting.httpRequestTimeout.help)
    var httpRequestTimeout: String?

    @Option(help: Setting.httpMaxConnections.help)
    var httpMaxConnections: String?

    @Option(help: Setting.httpMaxConnectionsPerAddress.help)
    var httpMaxConnectionsPerAddress: String?

    @Option(help: Setting.shutdownGrace.help)
    var shutdownGrace: String?

    @Option(help: Setting.hookBeforeSignUpURL.help)
    var hookBeforeSignUpURL: String?

    @Option(help: Setting.hookCustomClaimsURL.help)
    var hookCustomClaimsURL: String?

    @Option(help: Setting.hookSecret.help)
    var hookSecret: String?

    @Option(help: Setting.hookTimeout.help)
    var hookTimeout: String?

    @Option(help: Setting.webhookAllowPrivate.help)
    var webhookAllowPrivate: String?

    @Option(help: Setting.webhookRetryInitial.help)
    var webhookRetryInitial: String?

    @Option(help: Setting.webhookRetryMax.help)
    var webhookRetryMax: String?

    @Option(help: Setting.logLevel.help)
    var logLevel: String?

    @Option(help: Setting.logFormat.help)
    var logFormat: String?

    @Option(help: Setting.metricsPort.help)
    var metricsPort: String?
}
