import AuthCore
import AuthTesting
import Foundation
import Synchronization
import Testing

/// Webhooks on the in-memory store: what is queued, how it is signed, retried and given up
/// (docs/webhooks.md). The Standard Webhooks library's own check of the signatures is in
/// authdTests (`WebhookReceiverTests`).
@Suite struct WebhookDeliveryTests {
    /// A transport that records each request and answers with the next scripted outcome.
    final class Receiver: WebhookTransport {
        let requests = Mutex<[WebhookRequest]>([])
        let answers = Mutex<[Int]>([])
        let down = Mutex(false)
        struct Unreachable: Error {}

        func post(_ request: WebhookRequest) async throws -> Int {
            if down.withLock({ $0 }) { throw Unreachable() }
            requests.withLock { $0.append(request) }
            return answers.withLock { $0.isEmpty ? 204 : $0.removeFirst() }
        }

        var bodies: [[String: Any]] {
            requests.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        }
    }

    /// Resolves every name to one public documentation-free address.
    struct PublicResolver: AddressResolver {
        var address = "93.184.215.14"
        func addresses(of host: String) async throws -> [IPAddress] { [IPAddress(address)!] }
    }

    struct Setup {
        let h: TestHarness
        let store: InMemoryWebhookStore
        let receiver = Receiver()
        let worker: WebhookWorker
        let admin: WebhookAdministration

        init() async throws {
            let clock = ManualClock()
            store = InMemoryWebhookStore(clock: clock)
            h = try await TestHarness(webhooks: store, clock: clock)
            worker = WebhookWorker(store: store, transport: receiver, clock: h.clock)
            admin = WebhookAdministration(
                store: store, policy: WebhookTargetPolicy(allowPrivate: false), resolver: PublicResolver(), clock: h.clock,
                random: SeededRandomSource(seed: 7))
        }
    }

    @Test func theSignatureIsTheStandardWebhooksOne() throws {
        // Made with the `standardwebhooks` package from PyPI: Webhook(secret).sign("msg_1", 1767225600, body).
        let signer = try WebhookSigner(secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
        let body = Array(#"{"type":"user.created"}"#.utf8)
        #expect(signer.signature(id: "msg_1", timestamp: 1_767_225_600, body: body)
            == "v1,zdURrLLjKPTVoNWI5IbAzj7GOYhWTravHhczzSeTR9I=")
        let headers = signer.headers(id: "msg_1", at: Date(timeIntervalSince1970: 1_767_225_600.7), body: body)
        #expect(headers["webhook-timestamp"] == "1767225600")
        #expect(headers["webhook-id"] == "msg_1")
    }

    @Test(arguments: ["secret", "whsec_", "whsec_c2hvcnQ="])
    func aMalformedSecretIsRefused(_ secret: String) {
        #expect(throws: AuthError.self) { try WebhookSigner(secret: secret) }
    }

    @Test(arguments: [
        "http://127.0.0.1/", "http://10.0.0.1/", "http://[::1]/hook", "http://192.168.1.20:8080/x", "http://169.254.169.254/",
    ])
    func privateAndLoopbackTargetsAreRefusedWithoutTheOverride(_ url: String) async throws {
        let s = try await Setup()
        let error = await #expect(throws: AuthError.self) { try await s.admin.add(url: url, events: []) }
        #expect(error?.code == .invalidRequest)
        #expect(try await s.store.endpoints().isEmpty)
        let allowed = WebhookAdministration(
            store: s.store, policy: WebhookTargetPolicy(allowPrivate: true), resolver: PublicResolver(), clock: s.h.clock)
        _ = try await allowed.add(url: url, events: [])
        #expect(try await s.store.endpoints().count == 1)
    }

    @Test func aNameThatResolvesToAPrivateAddressIsRefused() async throws {
        let s = try await Setup()
        let admin = WebhookAdministration(
            store: s.store, policy: WebhookTargetPolicy(allowPrivate: false), resolver: PublicResolver(address: "10.1.2.3"),
            clock: s.h.clock)
        await #expect(throws: AuthError.self) { try await admin.add(url: "https://hooks.example.com/in", events: []) }
    }

    @Test(arguments: ["ftp://example.com/", "example.com/hook", "https://user:pw@example.com/", ""])
    func malformedTargetsAreRefused(_ url: String) async throws {
        let s = try await Setup()
        await #expect(throws: AuthError.self) { try await s.admin.add(url: url, events: []) }
    }

    @Test func unknownEventTypesAreRefused() async throws {
        let s = try await Setup()
        await #expect(throws: AuthError.self) { try await s.admin.add(url: "https://example.com/", events: ["user.exploded"]) }
    }

    @Test func eachEventIsDeliveredSignedToTheEndpointsSubscribedToIt() async throws {
        let s = try await Setup()
        let all = try await s.admin.add(url: "https://all.example.com/", events: [])
        _ = try await s.admin.add(url: "https://bans.example.com/", events: ["user.banned"])
        let ada = try await s.h.registered("ada@example.com")
        #expect(await s.worker.deliverDue() == 3)
        let requests = s.receiver.requests.withLock { $0 }
        #expect(requests.allSatisfy { $0.url == "https://all.example.com/" })
        #expect(s.receiver.bodies.map { $0["type"] as? String } == ["user.created", "email.verified", "session.created"])
        let data = try #require(s.receiver.bodies.first?["data"] as? [String: Any])
        #expect(data["user_id"] as? String == ada.user.id.description)
        #expect(data["email"] as? String == "ada@example.com")
        let signer = try WebhookSigner(secret: all.secret)
        for request in requests {
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int($0) })
            #expect(request.headers["webhook-signature"] == signer.signature(id: id, timestamp: timestamp, body: request.body))
            #expect(timestamp == Int(s.h.clock.now.timeIntervalSince1970))
        }
        #expect(Set(requests.compactMap { $0.headers["webhook-id"] }).count == 3)
        #expect(try await s.store.deliveries(endpoint: nil, limit: 10).allSatisfy { $0.state == "delivered" })
    }

    @Test func aFailedDeliveryIsRetriedWithBackoffUnderTheSameIdAndSignedAnew() async throws {
        let s = try await Setup()
        _ = try await s.admin.add(url: "https://all.example.com/", events: ["user.created"])
        s.receiver.answers.withLock { $0 = [500] }
        _ = try await s.h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: s.h.client)
        #expect(await s.worker.deliverDue() == 1)
        // Not due again until the first backoff (5 s) has passed.
        #expect(await s.worker.deliverDue() == 0)
        s.h.clock.advance(by: .seconds(5))
        #expect(await s.worker.deliverDue() == 1)
        let requests = s.receiver.requests.withLock { $0 }
        #expect(requests.count == 2)
        #expect(requests[0].headers["webhook-id"] == requests[1].headers["webhook-id"])
        #expect(requests[0].headers["webhook-timestamp"] != requests[1].headers["webhook-timestamp"])
        let delivery = try #require(try await s.store.deliveries(endpoint: nil, limit: 1).first)
        #expect(delivery.state == "delivered")
        #expect(delivery.attempts == 2)
    }

    @Test func aDeliveryIsTriedForADayThenGivenUpAndCanBeRedelivered() async throws {
        let s = try await Setup()
        _ = try await s.admin.add(url: "https://all.example.com/", events: ["user.created"])
        s.receiver.down.withLock { $0 = true }
        _ = try await s.h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: s.h.client)
        var attempts = 0
        for _ in 0..<30 {
            attempts += await s.worker.deliverDue()
            s.h.clock.advance(by: .seconds(3600))
        }
        let delivery = try #require(try await s.store.deliveries(endpoint: nil, limit: 1).first)
        #expect(delivery.state == "given_up")
        // Looked at once an hour (the backoff's cap): tried at 0 h, 1 h … 24 h, then no more.
        #expect(attempts == 25)
        #expect(delivery.lastError != nil)

        s.receiver.down.withLock { $0 = false }
        try await s.admin.redeliver(delivery.id)
        #expect(await s.worker.deliverDue() == 1)
        #expect(try await s.store.deliveries(endpoint: nil, limit: 1).first?.state == "delivered")
    }

    @Test func aRemovedEndpointGetsNothingMore() async throws {
        let s = try await Setup()
        let endpoint = try await s.admin.add(url: "https://all.example.com/", events: [])
        try await s.admin.remove(endpoint.id)
        try await s.h.registered("ada@example.com")
        #expect(await s.worker.deliverDue() == 0)
        await #expect(throws: AuthError.self) { try await s.admin.remove(endpoint.id) }
    }
}
