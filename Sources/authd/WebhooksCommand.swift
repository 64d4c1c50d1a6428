import ArgumentParser
import AuthCore
import AuthHTTP
import Foundation
import Logging

/// `authd webhooks add|list|remove|deliveries|redeliver`: the webhook endpoints in DATABASE_URL
/// (docs/webhooks.md). Every instance's worker picks a change up at its next delivery.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Add, list or remove webhook endpoints; list and redeliver deliveries (needs DATABASE_URL).",
        subcommands: [Add.self, List.self, Remove.self, Deliveries.self, Redeliver.self])

    /// The administration of the configured database's webhooks, or one line saying why not.
    ///
    /// Only what it needs is read (`DATABASE_URL`, `JWT_SECRET` or `ENCRYPTION_KEY`,
    /// `WEBHOOK_ALLOW_PRIVATE`), so an operator can run it without the server's other settings.
    static func administration(_ options: ConfigurationOptions) async throws -> (WebhookAdministration, any StoreBackend) {
        LogSetup.bootstrap(level: .warning)
        return try await StartupFailure.guarding {
            let env = ProcessInfo.processInfo.environment
            func value(_ flag: String?, _ name: String) -> String? { flag ?? env[name].flatMap { $0.isEmpty ? nil : $0 } }
            guard let text = value(options.databaseURL, "DATABASE_URL"),
                  let key = value(options.encryptionKey, "ENCRYPTION_KEY") ?? value(options.jwtSecret, "JWT_SECRET")
            else {
                throw ConfigurationError("DATABASE_URL and JWT_SECRET (or ENCRYPTION_KEY) are required: webhooks in memory die with the process")
            }
            let url = try DatabaseURL(text)
            var policy = WebhookTargetPolicy(allowPrivate: false)
            if let allow = value(options.webhookAllowPrivate, "WEBHOOK_ALLOW_PRIVATE") {
                guard ["0", "1"].contains(allow) else { throw ConfigurationError("WEBHOOK_ALLOW_PRIVATE must be 0 or 1") }
                policy.allowPrivate = allow == "1"
            }
            let stores = try await Adapters.backend("DATABASE_URL") {
                try await StoreBackends.connect(url, poolSize: 2, label: "authd.webhooks")
            }
            let store = try await Adapters.backend("ENCRYPTION_KEY") {
                try stores.webhookStore(encryptionKey: Array(key.utf8), clock: SystemClock())
            }
            return (WebhookAdministration(store: store, policy: policy, resolver: SystemAddressResolver()), stores)
        }
    }

    /// Runs `body`, printing an `AuthError`'s public detail as one line and exiting 1.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AuthError where error.code == .invalidRequest || error.code == .notFound {
            throw StartupFailure.exit(error.publicDetail ?? error.code.rawValue)
        }
    }

    static func line(_ endpoint: WebhookEndpoint) -> String {
        let events = endpoint.events.isEmpty ? "*" : endpoint.events.map(\.rawValue).joined(separator: ",")
        return "\(endpoint.id.uuidString.lowercased())  \(endpoint.url)  events=\(events)  since \(Timestamp.format(endpoint.createdAt))"
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an endpoint; prints its id and its signing secret (shown once).",
            discussion: "Targets on loopback or private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=1. Event types: \(AuthEvent.EventType.all.map(\.rawValue).joined(separator: ", ")).")
        @Argument(help: "The http:// or https:// URL deliveries are POSTed to.") var url: String
        @Option(help: "Comma-separated event types, or * for every type.") var events: String = "*"
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await WebhooksCommand.administration(options)
            defer { stores.shutdown() }
            let endpoint = try await WebhooksCommand.reporting { try await admin.add(url: url, events: [events]) }
            print(WebhooksCommand.line(endpoint))
            print("secret \(endpoint.secret)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every endpoint: id, URL, event types, since when.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await WebhooksCommand.administration(options)
            defer { stores.shutdown() }
            for endpoint in try await admin.endpoints() { print(WebhooksCommand.line(endpoint)) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an endpoint and its deliveries.")
        @Argument(help: "The endpoint's id.") var id: String
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw StartupFailure.exit("\"\(id.prefix(64))\" is not an endpoint id") }
            let (admin, stores) = try await WebhooksCommand.administration(options)
            defer { stores.shutdown() }
            try await WebhooksCommand.reporting { try await admin.remove(uuid) }
            print("removed \(uuid.uuidString.lowercased())")
        }
    }

    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the newest deliveries: id, webhook-id, event, state, attempts, last status or error.")
        @Option(help: "How many.") var limit: Int = 50
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (admin, stores) = try await WebhooksCommand.administration(options)
            defer { stores.shutdown() }
            for d in try await admin.deliveries(limit: limit) {
                let last = d.lastStatus.map(String.init) ?? d.lastError ?? "-"
                print("\(d.id.uuidString.lowercased())  \(d.messageID)  \(d.eventType)  \(d.state)  attempts=\(d.attempts)  \(last)")
            }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a delivery again at once (same webhook-id).")
        @Argument(help: "The delivery's id.") var id: String
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw StartupFailure.exit("\"\(id.prefix(64))\" is not a delivery id") }
            let (admin, stores) = try await WebhooksCommand.administration(options)
            defer { stores.shutdown() }
            try await WebhooksCommand.reporting { try await admin.redeliver(uuid) }
            print("due again: \(uuid.uuidString.lowercased())")
        }
    }
}
