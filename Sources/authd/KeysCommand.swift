import ArgumentParser
import AuthCore
import Foundation
import Logging

/// `authd keys list|rotate|retire`: the asymmetric signing keys in DATABASE_URL: the session
/// tokens' (JWT_ALG ES256 or EdDSA) and the ID tokens' of authd as an OpenID Provider (RS256, and
/// ES256 or EdDSA for clients that registered them; docs/oidc.md). Every instance picks a change
/// up within 30 seconds (sooner on a `kid` it does not know).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List, rotate or retire the signing keys (session tokens with JWT_ALG ES256 or EdDSA, and OpenID ID tokens).",
        subcommands: [List.self, Rotate.self, Retire.self])

    /// The keys of the configured database, one administration per algorithm in use, or one line
    /// saying why not.
    static func administration(
        _ options: ConfigurationOptions
    ) async throws -> ([TokenAlgorithm: SigningKeyAdministration], any StoreBackend, ServerConfiguration) {
        let config = try StartupFailure.guarding {
            try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment)
        }
        LogSetup.bootstrap(level: .warning)
        return try await StartupFailure.guarding {
            guard let url = config.databaseURL, let secret = config.jwtSecret else {
                throw ConfigurationError("DATABASE_URL and JWT_SECRET are required: keys in memory die with the process")
            }
            let stores = try await Adapters.backend("DATABASE_URL") {
                try await StoreBackends.connect(url, poolSize: 2, label: "authd.keys")
            }
            var algorithms = Set(try await stores.signingKeys.keys().filter(\.isPublished).map(\.algorithm))
            if config.tokenAlgorithm != .hs256 { algorithms.insert(config.tokenAlgorithm) }
            algorithms.remove(.hs256)
            guard !algorithms.isEmpty else {
                stores.shutdown()
                throw ConfigurationError(
                    "there are no signing keys yet: JWT_ALG is HS256 and no OpenID client has been given an ID token")
            }
            let clock = SystemClock()
            var administrations: [TokenAlgorithm: SigningKeyAdministration] = [:]
            for algorithm in algorithms {
                let ring = try await Adapters.backend("ENCRYPTION_KEY") {
                    try await SigningKeyRing(
                        store: stores.signingKeys, algorithm: algorithm, encryptionKey: config.encryptionKey ?? secret,
                        clock: clock)
                }
                administrations[algorithm] = SigningKeyAdministration(ring: ring, store: stores.signingKeys, clock: clock)
            }
            return (administrations, stores, config)
        }
    }

    static func printKeys(_ keys: [SigningKey]) {
        for key in keys {
            print("\(key.kid)  \(key.algorithm.rawValue)  \(key.state.rawValue)  since \(Timestamp.format(key.stateChangedAt))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every key: kid, algorithm, state, since when.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (keys, stores, _) = try await KeysCommand.administration(options)
            defer { stores.shutdown() }
            KeysCommand.printKeys(try await keys.values.first?.list() ?? [])
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For every algorithm: the next key starts signing, the current one stays published until its tokens expire, a new next key is published.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (keys, stores, config) = try await KeysCommand.administration(options)
            defer { stores.shutdown() }
            for (algorithm, administration) in keys {
                // Session tokens live as long as their sessions; ID tokens and client access tokens
                // at most the OpenID token lifetime.
                let lifetime = algorithm == config.tokenAlgorithm ? config.sessionTTL : config.authConfiguration.openID.tokenLifetime
                try await administration.rotate(tokenLifetime: lifetime)
            }
            KeysCommand.printKeys(try await keys.values.first?.list() ?? [])
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a key that is not current at once (a compromised key): its tokens are refused.")
        @OptionGroup var options: ConfigurationOptions
        @Argument(help: "The kid to retire.") var kid: String

        func run() async throws {
            let (keys, stores, _) = try await KeysCommand.administration(options)
            defer { stores.shutdown() }
            let algorithm = try await keys.values.first?.list().first(where: { $0.kid == kid })?.algorithm
            guard let administration = algorithm.flatMap({ keys[$0] }), try await administration.retire(kid) else {
                print("no key \(kid) that is next or previous (the current key cannot be retired: rotate first)")
                throw ExitCode(1)
            }
            KeysCommand.printKeys(try await administration.list())
        }
    }
}
