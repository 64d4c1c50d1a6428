import ArgumentParser
import AuthCore
import AuthHTTP
import Foundation
import Logging
import ServiceLifecycle

/// `authd serve`: serves the API until SIGTERM or SIGINT, then finishes in-flight requests and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API (the default command).")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let config = try StartupFailure.guarding { try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment) }
        LogSetup.bootstrap(level: config.logLevel)
        let logger = Logger(label: "authd")
        let adapters = try await StartupFailure.guarding { try await Adapters.make(for: config, logger: logger) }
        var developmentDefaults = adapters.developmentDefaults
        let secret: [UInt8]
        if let configured = config.jwtSecret {
            secret = configured
        } else {
            secret = SystemRandomSource().bytes(32)
            developmentDefaults.append("the JWT secret is random for this process: every token dies on restart")
        }
        let encryptionKey = config.encryptionKey ?? secret
        // A changed or lost key must stop the start, not fail every sign-in with an app later.
        try await StartupFailure.guarding { try await adapters.checkEncryptionKey(encryptionKey) }
        let auth = try await StartupFailure.guarding {
            try await Adapters.backend("JWT_ALG") {
                try await AuthService(
                    dependencies: adapters.dependencies, jwtSecret: secret, codeKey: CodeHasher.deriveKey(fromSecret: secret),
                    encryptionKey: encryptionKey, tokenAlgorithm: config.tokenAlgorithm,
                    configuration: config.authConfiguration, logger: Logger(label: "auth"))
            }
        }
        if config.tokenAlgorithm != .hs256, config.databaseURL == nil {
            developmentDefaults.append("the \(config.tokenAlgorithm.rawValue) signing keys live in memory: every token dies on restart")
        }
        let oauth = try await StartupFailure.guarding {
            try await OAuthWiring.feature(config: config, auth: auth, states: adapters.oauthStates, clock: adapters.clock)
        }
        let fetcher = oauth?.fetcher
        let http = AuthApplication(
            auth: auth, rateLimiter: adapters.rateLimiter, geoLocator: adapters.geoLocator, readiness: adapters.readiness,
            features: oauth.map { [$0.feature] } ?? [], settings: config.httpSettings, logger: Logger(label: "authd.http"))
        let app = http.makeApplication(host: config.host, port: config.port) { channel in
            let port = channel.localAddress?.port ?? config.port
            logger.notice("authd listening on http://\(config.host):\(port)")
        }
        if !developmentDefaults.isEmpty { StartupBanner.warn(developmentDefaults) }
        // The server and the background jobs stop together on SIGTERM/SIGINT: the server lets
        // in-flight requests finish, the jobs finish the unit of work under way.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: app)] + adapters.services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await adapters.shutdown()
            try? await fetcher?.shutdown()
            throw error
        }
        await adapters.shutdown()
        try? await fetcher?.shutdown()
        logger.notice("authd stopped")
    }
}
