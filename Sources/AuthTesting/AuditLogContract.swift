import AuthCore
import Testing

/// The behaviour every ``AuditLog`` adapter must show.
public enum AuditLogContract {
    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any AuditLog>>] = [
        ContractCheck("events are read back newest first, limited, per user") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let client = ClientContext(ip: IPAddress("198.51.100.1"), userAgent: "UA", clientName: "web")
            let kinds: [AuditEvent.Kind] = [.signInFailed, .signInSucceeded, .sessionRevoked]
            for (i, kind) in kinds.enumerated() {
                try await f.subject.store.record(AuditEvent(kind: kind, userID: user.id, email: user.email, client: client, at: f.now().addingTimeInterval(Double(i))))
            }
            try await f.subject.store.record(AuditEvent(kind: .signUp, userID: other.id, client: client, at: f.now()))
            let events = try await f.subject.store.events(of: user.id, limit: 2)
            #expect(events.map(\.kind) == [.sessionRevoked, .signInSucceeded])
            #expect(events.first?.client == client)
        },
        ContractCheck("erasing a user removes their events and keeps other users'") { f in
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            try await f.subject.store.record(AuditEvent(kind: .signUp, userID: gone.id, email: gone.email, client: ClientContext(), at: f.now()))
            try await f.subject.store.record(AuditEvent(kind: .signUp, userID: kept.id, email: kept.email, client: ClientContext(), at: f.now()))
            try await f.subject.store.eraseData(of: gone)
            #expect(try await f.subject.store.events(of: gone.id, limit: 10).isEmpty)
            #expect(try await f.subject.store.events(of: kept.id, limit: 10).map(\.kind) == [.signUp])
        },
    ]
}
