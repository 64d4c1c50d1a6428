import ArgumentParser
import AuthCore
import Foundation
import Logging

/// `authd keys list|rotate|retire`: the asymmetric token-signing keys in DATABASE_URL (JWT_ALG
/// ES256 or EdDSA). Every instance picks a change up within 30 seconds (sooner on a `kid` it does
/// not know).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List, rotate or retire the token-signing keys (JWT_ALG ES256 or EdDSA).",
        subcommands: [List.self, Rotate.self, Retire.self])

    /// Opens the keys of the configured database, or explains in one line why not.
    static func administration(_ options: ConfigurationOptions) async throws -> (SigningKeyAdministration, any StoreBackend, ServerConfiguration) {
        let config = try StartupFailure.guarding {
            try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment)
        }
        LogSetup.bootstrap(level: .warning)
        return try await StartupFailure.guarding {
            guard config.tokenAlgorithm != .hs256 else {
                throw ConfigurationError("JWT_ALG is HS256: there are no signing keys (set JWT_ALG=ES256 or EdDSA)")
            }
            guard let url = config.databaseURL, let secret = config.jwtSecret else {
                throw ConfigurationError("DATABASE_URL and JWT_SECRET are required: keys in memory die with the process")
            }
            let stores = try await Adapters.backend("DATABASE_URL") {
                try await StoreBackends.connect(url, poolSize: 2, label: "authd.keys")
            }
            let clock = SystemClock()
            let ring = try await Adapters.backend("ENCRYPTION_KEY") {
                try await SigningKeyRing(
                    store: stores.signingKeys, algorithm: config.tokenAlgorithm, encryptionKey: config.encryptionKey ?? secret,
                    clock: clock)
            }
            return (SigningKeyAdministration(ring: ring, store: stores.signingKeys, clock: clock), stores, config)
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
            KeysCommand.printKeys(try await keys.list())
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The next key starts signing, the current one stays published until its tokens expire, a new next key is published.")
        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            let (keys, stores, config) = try await KeysCommand.administration(options)
            defer { stores.shutdown() }
            try await keys.rotate(tokenLifetime: config.sessionTTL)
            KeysCommand.printKeys(try await keys.list())
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
            guard try await keys.retire(kid) else {
                print("no key \(kid) that is next or previous (the current key cannot be retired: rotate first)")
                throw ExitCode(1)
            }
            KeysCommand.printKeys(try await keys.list())
        }
    }
}
