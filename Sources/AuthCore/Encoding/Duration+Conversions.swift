import Foundation

/// The one set of `Duration` conversions the modules share, so that every adapter rounds the same
/// way (a TTL never rounds down to "no expiry", a timeout never overflows).
extension Duration {
    /// The duration in (fractional) seconds, for `Date` arithmetic.
    package var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded up, at least 1: what a store's expiry takes (Redis `PX`), so
    /// that a short TTL never becomes "no expiry" or "already expired".
    package var ttlMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return .max }
        return max(1, scaled + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// Whole nanoseconds, saturating at `Int64.max`: what NIO's `TimeAmount` takes.
    package var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}
