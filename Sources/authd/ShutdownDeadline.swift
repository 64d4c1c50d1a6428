import ServiceLifecycle
import Synchronization

/// When in-flight work must have ended after SIGTERM: the signal's arrival plus `SHUTDOWN_GRACE`.
///
/// The service group stops services one after another, in reverse order (the HTTP server drains
/// first), so a job stopped last would otherwise get its own grace on top of the server's. As the
/// group's last service this is told first, notes the moment and ends; jobs stopped later read
/// ``deadline`` and finish by it (docs/deployment.md, "Shutdown").
final class ShutdownDeadline: Service, Sendable {
    let grace: Duration
    private let signalled = Mutex<ContinuousClock.Instant?>(nil)

    init(grace: Duration) { self.grace = grace }

    /// Waits for graceful shutdown and notes when it began.
    func run() async throws {
        try? await gracefulShutdown()
        signalled.withLock { $0 = $0 ?? .now }
    }

    /// The instant by which work under way must have ended: the signal plus the grace (from now,
    /// when no signal was noted, as when the group is cancelled outright).
    var deadline: ContinuousClock.Instant {
        (signalled.withLock { $0 } ?? .now) + grace
    }
}
