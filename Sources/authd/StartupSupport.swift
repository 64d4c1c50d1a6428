import ArgumentParser
import Foundation
import Logging

/// Turns a ``ConfigurationError`` into one line on stderr and exit code 2 (no stack trace, no usage).
enum StartupFailure {
    static let exitCode = ExitCode(2)

    static func guarding<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("authd: configuration error: \(error)\n".utf8))
            throw exitCode
        }
    }

    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("authd: configuration error: \(error)\n".utf8))
            throw exitCode
        }
    }
}

/// Logging to stderr through swift-log: `text` (``TextLogHandler``, swift-log's stream format, the
/// default) or `json` (``JSONLogHandler``, one object a line).
enum LogSetup {
    /// `LOG_FORMAT`.
    enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    static func bootstrap(level: Logger.Level, format: Format = .text) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = TextLogHandler(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// The loud warning printed when authd runs on development defaults.
enum StartupBanner {
    static func warn(_ reasons: [String]) {
        let rule = String(repeating: "=", count: 78)
        var lines = [rule, "  WARNING: authd is running the EMBEDDED DEFAULT. This is NOT for production:"]
        lines += reasons.map { "   - \($0)" }
        lines += [
            "  For production set DATABASE_URL, REDIS_URL, SMTP_URL, MAIL_FROM and JWT_SECRET",
            "  (see docs/configuration.md).", rule,
        ]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

extension StartupFailure {
    /// Prints `message` as `authd: …` on stderr; throw the result to exit with status 2.
    static func exit(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("authd: \(message)\n".utf8))
        return exitCode
    }
}
