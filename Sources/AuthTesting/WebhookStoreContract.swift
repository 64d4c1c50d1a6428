import AuthCore
import Foundation
import Testing

/// The behaviour every ``WebhookStore`` adapter must show (see the protocol's documentation).
///
/// Each check assumes the store it gets is empty and used by nobody else; the adapter's clock must
/// be the fixture's.
public enum WebhookStoreContract {
    static let lease = Duration.seconds(60)

    /// An endpoint for `events` (empty: every type).
    public static func endpoint(at now: Date, events: [AuthEvent.EventType] = []) -> WebhookEndpoint {
        WebhookEndpoint(
            url: "https://hooks.example.com/\(UUID().uuidString.prefix(8))", events: events,
            secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", createdAt: now)
    }

    /// An event of `type`.
    public static func event(_ type: AuthEvent.EventType, at now: Date) -> AuthEvent {
        AuthEvent(type: type, occurredAt: now, email: EmailAddress(normalized: "ada@example.com"), client: "web")
    }

    /// Every check.
    public static let checks: [ContractCheck<any WebhookStore>] = [
        ContractCheck("an endpoint comes back whole, its secret included, and can be removed") { f in
            let endpoint = endpoint(at: f.now(), events: [.userCreated, .userBanned])
            try await f.subject.addEndpoint(endpoint)
            #expect(try await f.subject.endpoints() == [endpoint])
            #expect(try await f.subject.removeEndpoint(endpoint.id))
            #expect(try await f.subject.endpoints().isEmpty)
            #expect(try await !f.subject.removeEndpoint(endpoint.id))
        },
        ContractCheck("an event is queued once for each endpoint subscribed to its type, due at once") { f in
            let all = endpoint(at: f.now())
            let bans = endpoint(at: f.now(), events: [.userBanned])
            try await f.subject.addEndpoint(all)
            try await f.subject.addEndpoint(bans)
            let created = event(.userCreated, at: f.now())
            let banned = event(.userBanned, at: f.now())
            #expect(try await f.subject.enqueue(created, payload: Array("{}".utf8)) == 1)
            #expect(try await f.subject.enqueue(banned, payload: Array("{\"b\":1}".utf8)) == 2)
            #expect(try await f.subject.enqueue(banned, payload: Array("{\"b\":1}".utf8)) == 0)
            let claims = try await f.subject.claim(limit: 10, lease: lease)
            #expect(claims.count == 3)
            #expect(claims.allSatisfy { $0.attempt == 1 && $0.secret == all.secret })
            #expect(Set(claims.map { "\($0.url) \($0.delivery.eventType)" }) == [
                "\(all.url) user.created", "\(all.url) user.banned", "\(bans.url) user.banned",
            ])
            #expect(claims.first { $0.delivery.eventID == banned.id }?.delivery.payload == Array("{\"b\":1}".utf8))
        },
        ContractCheck("a claimed delivery is leased: not claimed again until its lease ends") { f in
            try await f.subject.addEndpoint(endpoint(at: f.now()))
            try await f.subject.enqueue(event(.userCreated, at: f.now()), payload: [])
            #expect(try await f.subject.claim(limit: 10, lease: lease).count == 1)
            #expect(try await f.subject.claim(limit: 10, lease: lease).isEmpty)
            try await f.advance(.seconds(61))
            let again = try await f.subject.claim(limit: 10, lease: lease)
            #expect(again.map(\.attempt) == [2])
        },
        ContractCheck("a failed delivery is due at its next attempt; a delivered one never again") { f in
            try await f.subject.addEndpoint(endpoint(at: f.now()))
            try await f.subject.enqueue(event(.userCreated, at: f.now()), payload: [])
            let first = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            try await f.subject.markFailed(first, status: 500, error: "the endpoint answered 500", nextAttemptAt: f.now().addingTimeInterval(5))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            try await f.advance(.seconds(5))
            let second = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            #expect(second.attempt == 2)
            // The first claim is stale now: its outcome is ignored.
            try await f.subject.giveUp(first, status: nil, error: "stale")
            try await f.subject.markDelivered(second, status: 204)
            try await f.advance(.seconds(3600))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            let delivery = try #require(try await f.subject.deliveries(endpoint: nil, limit: 10).first)
            #expect(delivery.state == "delivered")
            #expect(delivery.attempts == 2)
            #expect(delivery.lastStatus == 204)
        },
        ContractCheck("a given-up delivery can be redelivered, under the same event id") { f in
            let endpoint = endpoint(at: f.now())
            try await f.subject.addEndpoint(endpoint)
            let created = event(.userCreated, at: f.now())
            try await f.subject.enqueue(created, payload: [])
            let claim = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            try await f.subject.giveUp(claim, status: nil, error: "refused")
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            let given = try #require(try await f.subject.deliveries(endpoint: endpoint.id, limit: 10).first)
            #expect(given.state == "given_up")
            #expect(given.lastError == "refused")
            #expect(try await f.subject.redeliver(given.id))
            let again = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            #expect(again.delivery.eventID == created.id)
            #expect(try await !f.subject.redeliver(UUID()))
        },
        ContractCheck("a purge deletes finished deliveries older than the cutoff, never pending ones") { f in
            try await f.subject.addEndpoint(endpoint(at: f.now()))
            try await f.subject.enqueue(event(.userCreated, at: f.now()), payload: [])
            try await f.subject.enqueue(event(.userBanned, at: f.now()), payload: [])
            let claims = try await f.subject.claim(limit: 2, lease: lease)
            try await f.subject.markDelivered(claims[0], status: 200)
            try await f.subject.markFailed(claims[1], status: 500, error: "500", nextAttemptAt: f.now().addingTimeInterval(3600))
            try await f.advance(.seconds(10))
            #expect(try await f.subject.purge(finishedBefore: f.now().addingTimeInterval(-20)) == 0)
            #expect(try await f.subject.purge(finishedBefore: f.now()) == 1)
            #expect(try await f.subject.deliveries(endpoint: nil, limit: 10).map(\.id) == [claims[1].delivery.id])
        },
        ContractCheck("removing an endpoint drops its deliveries") { f in
            let endpoint = endpoint(at: f.now())
            try await f.subject.addEndpoint(endpoint)
            try await f.subject.enqueue(event(.userCreated, at: f.now()), payload: [])
            #expect(try await f.subject.removeEndpoint(endpoint.id))
            #expect(try await f.subject.deliveries(endpoint: nil, limit: 10).isEmpty)
            #expect(try await f.subject.claim(limit: 10, lease: lease).isEmpty)
        },
    ]
}
