import AuthCore
import Foundation

/// What a contract check gets: a fresh adapter and a way to let time pass for it.
///
/// In-memory adapters read a ``ManualClock`` that `advance` moves; a remote adapter whose server
/// keeps time (Redis TTLs) passes an `advance` that really waits.
public struct ContractFixture<Subject: Sendable>: Sendable {
    public var subject: Subject
    /// The wall-clock time the adapter should be asked about (pass it as `now` to port calls).
    public var now: @Sendable () -> Date
    /// Lets `duration` pass for the adapter.
    public var advance: @Sendable (Duration) async throws -> Void

    /// Creates a fixture.
    public init(
        subject: Subject, now: @escaping @Sendable () -> Date,
        advance: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.subject = subject
        self.now = now
        self.advance = advance
    }

    /// A fixture whose time is a ``ManualClock``.
    public init(subject: Subject, clock: ManualClock) {
        self.init(subject: subject, now: { clock.now }, advance: { clock.advance(by: $0) })
    }
}

/// One named behaviour every adapter of a port must show. Suites run them with
/// `@Test(arguments: SomeContract.checks)`, one test case per check.
public struct ContractCheck<Subject: Sendable>: Sendable, CustomStringConvertible {
    public let name: String
    private let body: @Sendable (ContractFixture<Subject>) async throws -> Void

    /// Creates a check.
    public init(_ name: String, _ body: @escaping @Sendable (ContractFixture<Subject>) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the check against `fixture`.
    public func run(_ fixture: ContractFixture<Subject>) async throws { try await body(fixture) }

    public var description: String { name }
}

/// Sample domain values for contract checks.
public enum Sample {
    /// A fresh user with a unique address.
    public static func user(_ tag: String = UUID().uuidString.prefix(8).lowercased(), at now: Date) -> User {
        User(email: EmailAddress(normalized: "user-\(tag)@example.com"), createdAt: now)
    }

    /// A fresh session of `userID` created at `now` with a seven-day life.
    public static func session(of userID: UserID, at now: Date, client: String = "web") -> Session {
        Session(
            userID: userID, client: ClientContext(ip: IPAddress("203.0.113.7"), userAgent: "TestAgent/1.0", clientName: client),
            createdAt: now, expiresAt: now.addingTimeInterval(7 * 24 * 3600))
    }
}
