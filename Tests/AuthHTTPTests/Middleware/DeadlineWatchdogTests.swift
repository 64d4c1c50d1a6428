@testable import AuthHTTP
import Synchronization
import Testing

@Suite("deadline watchdog")
struct DeadlineWatchdogTests {
    /// Counts how often each registration expired.
    final class Expirations: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func record(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
        func count(_ name: String) -> Int { counts.withLock { $0[name, default: 0] } }
    }

    /// A ticker too slow to interfere: the tests call `expire(now:)` themselves.
    static func quietWatchdog() -> DeadlineWatchdog { DeadlineWatchdog(tick: .seconds(3600)) }

    @Test func onlyDeadlinesThatPassedExpire() {
        let watchdog = Self.quietWatchdog()
        let fired = Expirations()
        let start = ContinuousClock.now
        _ = watchdog.register(deadline: start + .seconds(1)) { fired.record("soon") }
        _ = watchdog.register(deadline: start + .seconds(5)) { fired.record("later") }

        #expect(watchdog.expire(now: start + .seconds(2)))  // "later" is still pending
        #expect(fired.count("soon") == 1)
        #expect(fired.count("later") == 0)

        #expect(!watchdog.expire(now: start + .seconds(6)))  // nothing left
        #expect(fired.count("later") == 1)
    }

    @Test func eachRegistrationExpiresOnce() {
        let watchdog = Self.quietWatchdog()
        let fired = Expirations()
        let start = ContinuousClock.now
        _ = watchdog.register(deadline: start) { fired.record("once") }
        watchdog.expire(now: start + .seconds(1))
        watchdog.expire(now: start + .seconds(2))
        #expect(fired.count("once") == 1)
        #expect(watchdog.pendingCount == 0)
    }

    @Test func aCancelledRegistrationNeverExpires() {
        let watchdog = Self.quietWatchdog()
        let fired = Expirations()
        let start = ContinuousClock.now
        let ticket = watchdog.register(deadline: start + .seconds(1)) { fired.record("answered in time") }
        watchdog.cancel(ticket)
        #expect(watchdog.pendingCount == 0)
        watchdog.expire(now: start + .seconds(10))
        #expect(fired.count("answered in time") == 0)
    }

    @Test func theTickerExpiresADeadlineOnItsOwn() async throws {
        let watchdog = DeadlineWatchdog(tick: .milliseconds(5))
        let fired = Expirations()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            _ = watchdog.register(deadline: .now) {
                fired.record("due")
                done.resume()
            }
        }
        #expect(fired.count("due") == 1)
        #expect(watchdog.pendingCount == 0)
    }

    @Test func theTickIsATwentiethOfTheTimeoutWithinBounds() {
        #expect(DeadlineWatchdog.tick(for: .seconds(30)) == .milliseconds(250))
        #expect(DeadlineWatchdog.tick(for: .seconds(1)) == .milliseconds(50))
        #expect(DeadlineWatchdog.tick(for: .milliseconds(20)) == .milliseconds(5))
    }
}
