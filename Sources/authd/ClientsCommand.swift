import ArgumentParser
import AuthCore
import Foundation
import Logging

/// `authd clients add|list|remove|rotate-secret`: the OpenID clients in DATABASE_URL
/// (docs/oidc.md). Every instance sees a change at the client's next request.
struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients", abstract: "Register, list or remove the apps that sign in through authd with OpenID Connect (needs DATABASE_URL).",
        subcommands: [Add.self, List.self, Remove.self, RotateSecret.self])

    /// The administration of the configured database's clients, or one line saying why not.
    static func administration(_ options: ConfigurationOptions) async throws -> (OpenIDClientAdministration, any StoreBackend) {
        LogSetup.bootstrap(level: .warning)
        return try await StartupFailure.guarding {
            let env = ProcessInfo.processInfo.environment
            guard let text = options.databaseURL ?? env["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ConfigurationError("DATABASE_URL is required: clients in memory die with the process")
            }
            let url = try DatabaseURL(text)
            let stores = try await Adapters.backend("DATABASE_URL") {
                try await StoreBackends.connect(url, poolSize: 2, label: "authd.clients")
            }
            let dependencies = stores.dependencies(replacingStoresOf: .inMemory())
            return (OpenIDClientAdministration(clients: dependencies.openIDClients, grants: dependencies.openIDGrants), stores)
        }
    }

    /// A client as one JSON object (what `add` and `rotate-secret` print, so scripts can read it).
    static func json(_ client: OpenIDClient, secret: String? = nil) throws -> String {
        var object: [String: Any] = [
            "client_id": client.id, "name": client.name, "redirect_uris": client.redirectURIs,
            "post_logout_redirect_uris": client.postLogoutRedirectURIs, "public": client.isPublic,
            "first_party": client.isFirstParty, "id_token_signed_response_alg": client.idTokenAlgorithm.rawValue,
            "created_at": Timestamp.format(client.createdAt),
        ]
        if let secret { object["client_secret"] = secret }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an app; prints it as JSON with its client_id and client_secret (shown once).")
        @Argument(help: "The name people see on the consent page and under Connected apps.") var name: String
        @Option(name: .customLong("redirect-uri"), help: "A redirect URI, matched exactly (repeat for more).") var redirectURIs: [String] = []
        @Option(name: .customLong("post-logout-redirect-uri"), help: "Where RP-initiated logout may return (repeat for more).")
        var postLogoutRedirectURIs: [String] = []
        @Flag(help: "A public client (browser or mobile app): no secret, PKCE required.") var `public` = false
        @Flag(name: .customLong("first-party"), help: "The deployer's own app: no consent page.") var firstParty = false
        @Option(name: .customLong("id-token-alg"), help: "RS256 (default), ES256 or EdDSA.") var idTokenAlgorithm = "RS256"
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            guard let algorithm = TokenAlgorithm(rawValue: idTokenAlgorithm), algorithm != .hs256 else {
                throw StartupFailure.exit("--id-token-alg must be RS256, ES256 or EdDSA")
            }
            let (admin, stores) = try await ClientsCommand.administration(options)
            defer { stores.shutdown() }
            let registered = try await WebhooksCommand.reporting {
                try await admin.add(.init(
                    name: name, redirectURIs: redirectURIs, postLogoutRedirectURIs: postLogoutRedirectURIs, isPublic: `public`,
                    isFirstParty: firstParty, idTokenAlgorithm: algorithm))
            }
            print(try ClientsCommand.json(registered.client, secret: registered.secret))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every client, one JSON object per line (no secrets).")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await ClientsCommand.administration(options)
            defer { stores.shutdown() }
            for client in try await admin.list() { print(try ClientsCommand.json(client)) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a client: its tokens stop working at once.")
        @Argument(help: "The client_id.") var clientID: String
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await ClientsCommand.administration(options)
            defer { stores.shutdown() }
            try await WebhooksCommand.reporting { try await admin.remove(id: clientID) }
            print("removed \(clientID)")
        }
    }

    struct RotateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret", abstract: "Give a confidential client a new secret (printed once); the old one stops working.")
        @Argument(help: "The client_id.") var clientID: String
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await ClientsCommand.administration(options)
            defer { stores.shutdown() }
            let registered = try await WebhooksCommand.reporting { try await admin.rotateSecret(of: clientID) }
            print(try ClientsCommand.json(registered.client, secret: registered.secret))
        }
    }
}
