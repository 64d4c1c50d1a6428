import Foundation
import Logging

/// Deletes ended sessions, expired one-time codes and abandoned authenticator enrolments periodically, through the ports, so every
/// store (the embedded in-memory default as much as PostgreSQL) stays bounded.
///
/// A long-running service in the swift-service-lifecycle style: nothing starts until ``run()`` is
/// called, and `run()` returns when its task is cancelled (graceful shutdown). Several instances may
/// run it at once; the deletes are idempotent.
public struct PurgeJob: Sendable {
    /// When and what to purge.
    public struct Configuration: Sendable {
        /// Time between purges. Default 10 minutes.
        public var interval: Duration = .seconds(600)
        /// How long ended sessions and expired codes are kept before deletion, for support and
        /// forensics. Default 1 day.
        public var retention: Duration = .seconds(86_400)

        /// Creates a configuration with the documented defaults.
        public init(interval: Duration = .seconds(600), retention: Duration = .seconds(86_400)) {
            self.interval = interval
            self.retention = retention
        }
    }

    private let sessions: any SessionStore
    private let codes: any VerificationStore
    private let secondFactors: (any SecondFactorStore)?
    private let configuration: Configuration
    private let clock: any WallClock
    private let logger: Logger

    /// Creates the job; it does nothing until ``run()``.
    public init(
        sessions: any SessionStore, codes: any VerificationStore, secondFactors: (any SecondFactorStore)? = nil,
        configuration: Configuration = .init(),
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "auth.purge")
    ) {
        self.sessions = sessions
        self.codes = codes
        self.secondFactors = secondFactors
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Purges once now, then every ``Configuration/interval``, until the task is cancelled.
    /// A failed purge is logged and retried at the next interval; it never ends the job.
    public func run() async {
        while !Task.isCancelled {
            do {
                let (sessionCount, codeCount) = try await purgeOnce()
                if sessionCount + codeCount > 0 {
                    logger.info("purged", metadata: ["sessions": "\(sessionCount)", "codes": "\(codeCount)"])
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("purge failed; retrying at the next interval", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: configuration.interval) } catch { return }
        }
    }

    /// Deletes sessions that ended, codes that expired, and authenticator enrolments never
    /// confirmed, more than the retention ago.
    /// Each kind is purged even when another failed, so one failing table never stops the rest.
    /// - Returns: how many sessions and codes were deleted.
    /// - Throws: the first failure, after every kind was tried.
    @discardableResult
    public func purgeOnce() async throws -> (sessions: Int, codes: Int) {
        let cutoff = clock.now.addingTimeInterval(-configuration.retention.timeInterval)
        var failure: (any Error)?
        func attempt<T>(_ body: () async throws -> T) async -> T? {
            do { return try await body() } catch {
                failure = failure ?? error
                return nil
            }
        }
        let sessionCount = await attempt { try await sessions.purge(endedBefore: cutoff) }
        let codeCount = await attempt { try await codes.purge(expiredBefore: cutoff) }
        if let secondFactors { _ = await attempt { try await secondFactors.purgeUnconfirmed(createdBefore: cutoff) } }
        if let failure { throw failure }
        return (sessionCount ?? 0, codeCount ?? 0)
    }
}
