import ArgumentParser

/// `authd`: the auth service's server executable.
@main
struct Authd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authd",
        abstract: "Authentication and session service (HTTP API under /api/v1/auth).",
        discussion: """
            Every option can also be set through the environment variable named in its help; a flag \
            wins over the variable. With nothing configured, authd serves the embedded default: \
            in-memory stores and rate limiter, mail written to the log, and an ephemeral JWT secret. \
            That is for development only.

            Settings (environment variable=flag of `authd serve`):
            \(Setting.helpList)
            Webhooks: `authd webhooks add URL --events user.created,user.banned` (docs/webhooks.md).
            OpenID clients: `authd clients add NAME --redirect-uri URI` (docs/oidc.md).
            See 'authd serve --help' for what each setting means and its default.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, CheckCommand.self, KeysCommand.self, AdminCommand.self, WebhooksCommand.self,
            ClientsCommand.self, SettingsCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}
