import Foundation

/// One hour of the dashboard's activity chart: what the audit log recorded in it.
public struct ActivityHour: Hashable, Sendable {
    /// The hour's start (UTC, on the hour).
    public var start: Date
    /// Successful sign-ins (new sessions).
    public var signIns: Int
    /// Refused sign-ins.
    public var failedSignIns: Int
    /// Sign-ups that created an account.
    public var signUps: Int

    /// Creates an hour.
    public init(start: Date, signIns: Int = 0, failedSignIns: Int = 0, signUps: Int = 0) {
        self.start = start
        self.signIns = signIns
        self.failedSignIns = failedSignIns
        self.signUps = signUps
    }

    /// The start of the hour `date` falls in.
    public static func hour(of date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }
}

extension AdminDirectory {
    /// Sign-ins, failed sign-ins and sign-ups per hour from `since`, hours with none left out.
    ///
    /// This default pages through ``auditEvents(_:limit:)``: right for the in-memory directory, slow
    /// for a large log; a database adapter answers with one grouped query instead.
    public func activity(since: Date) async throws -> [ActivityHour] {
        var hours: [Date: ActivityHour] = [:]
        for kind in [AuditEvent.Kind.signInSucceeded, .signInFailed, .signUp] {
            var cursor: String?
            repeat {
                let page = try await auditEvents(AuditQuery(kind: kind, since: since, cursor: cursor), limit: 500)
                for event in page.items {
                    let start = ActivityHour.hour(of: event.at)
                    var hour = hours[start] ?? ActivityHour(start: start)
                    switch kind {
                    case .signInSucceeded: hour.signIns += 1
                    case .signInFailed: hour.failedSignIns += 1
                    default: hour.signUps += 1
                    }
                    hours[start] = hour
                }
                cursor = page.next
            } while cursor != nil
        }
        return hours.values.sorted { $0.start < $1.start }
    }
}
