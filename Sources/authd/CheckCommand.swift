import ArgumentParser
import AuthCacheRedis
import AuthCore
import AuthGeoIP
import AuthHTTP
import AuthMailSMTP
import Foundation
import Logging

/// `authd check`: a deploy pipeline's pre-flight. Validates the configuration, then reaches every
/// configured backend (the store backend with its schema, Redis, the SMTP server's greeting, the GeoIP
/// file, OAuth discovery), printing one line each; exits 1 at the first failure, 2 for a bad
/// configuration.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the configuration and reach every configured backend; exit non-zero on the first failure.")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let config = try StartupFailure.guarding {
            try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment)
        }
        LogSetup.bootstrap(level: .critical)  // the lines below are the report
        print("configuration: ok")
        for check in Self.checks(for: config) {
            do {
                print("\(check.name): ok (\(try await check.run()))")
            } catch {
                print("\(check.name): FAILED \(Self.describe(error))")
                throw ExitCode(1)
            }
        }
    }

    struct Check {
        let name: String
        let run: () async throws -> String
    }

    static func checks(for config: ServerConfiguration) -> [Check] {
        var checks: [Check] = []
        if let url = config.databaseURL {
            checks.append(Check(name: StoreBackends.checkName(of: url)) {
                let store = try await StoreBackends.connect(url, poolSize: 1, label: "authd.check")
                defer { store.shutdown() }
                let schema = try await store.schemaCheck(allowNewer: config.allowNewerSchema)
                if let refusal = schema.refusal { throw ConfigurationError(refusal) }
                let samples = try await store.sampleAuthenticators()
                if let key = config.encryptionKey ?? config.jwtSecret { try EncryptionKeyCheck.verify(key, opens: samples) }
                return "schema version \(schema.version); ENCRYPTION_KEY opens \(samples.isEmpty ? "(no stored authenticators)" : "the stored authenticators")"
            })
        }
        if let url = config.redisURL {
            checks.append(Check(name: "redis") {
                let client = try RedisClient(url: url.absoluteString)
                do {
                    try await client.ping()
                } catch {
                    await client.close()
                    throw error
                }
                await client.close()
                return "PING answered"
            })
        }
        if let url = config.smtpURL {
            checks.append(Check(name: "smtp") {
                let from = config.mailFrom?.value ?? "no-reply@localhost"
                let transport = try SMTPTransport(configuration: SMTPConfiguration(url: url.absoluteString, from: from))
                return "greeting \(try await transport.checkGreeting())"
            })
        }
        if let path = config.geoIPDatabase {
            checks.append(Check(name: "geoip") {
                "\(try MaxMindGeoLocator(path: path, logger: Logger(label: "authd.check")).databaseType)"
            })
        }
        for provider in config.oauthProviders {
            guard let issuer = OAuthWiring.discoveryIssuer(of: provider) else { continue }
            checks.append(Check(name: "oauth \(provider.name)") { try await OAuthWiring.checkDiscovery(issuer: issuer) })
        }
        return checks
    }

    /// An error as one line without secrets: a public detail, an operator-facing reason, or the type.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as AuthError: error.publicDetail ?? error.code.rawValue
        case let error as MailTransportError: error.reason
        case let error as ConfigurationError: "\(error)"
        default: "\(type(of: error))"
        }
    }
}
