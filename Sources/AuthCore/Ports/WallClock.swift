import Foundation

/// The wall-clock time, injected everywhere so tests can control it.
///
/// Named `WallClock` rather than `Clock` so it does not shadow the standard library's monotonic
/// `Clock` protocol: this one answers calendar dates, which are what expiries are stored as.
public protocol WallClock: Sendable {
    /// The current time.
    var now: Date { get }
}

/// The system's wall clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}
    public var now: Date { Date() }
}
