import AuthCore
import Foundation
import Synchronization

/// A ``WallClock`` that moves only when told to, for tests of expiry and windows.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock reading `start` (default: 2026-01-01T00:00:00Z, a fixed, readable instant).
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.timeInterval) }
    }
}
