import ArgumentParser
import Foundation
import Logging

/// `authd migrate`: applies the database schema; `--status` only reports it.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply the database schema to DATABASE_URL (or, with --status, show it).")

    @Option(help: "postgres:// URL of the database. (env: DATABASE_URL)")
    var databaseURL: String?

    @Flag(help: "Print the applied and pending migrations; change nothing.")
    var status = false

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let text = databaseURL ?? env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        LogSetup.bootstrap(level: env["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info)
        let message = try await StartupFailure.guarding {
            let url = try text.map { try DatabaseURL($0) }
            if status { return try await Adapters.schemaReport(databaseURL: url, logger: Logger(label: "authd.migrate")) }
            return try await Adapters.migrate(databaseURL: url, logger: Logger(label: "authd.migrate"))
        }
        print(message)
    }
}
