import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The webhook transport checks the address it connects to, at every delivery (docs/webhooks.md,
/// "Targets"): a name that resolves to a private address now is refused, whatever it resolved to
/// when the endpoint was added.
@Suite struct CheckedWebhookTransportTests {
    struct Resolver: AddressResolver {
        var address: String
        func addresses(of host: String) async throws -> [IPAddress] { [IPAddress(address)!] }
    }

    static func request(_ url: String) -> WebhookRequest {
        WebhookRequest(url: url, headers: ["content-type": "application/json"], body: Array("{}".utf8), timeout: .seconds(2))
    }

    @Test(arguments: ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00::1"])
    func aNameRebindingToAPrivateAddressIsRefusedBeforeAnyConnection(_ address: String) async throws {
        let transport = CheckedWebhookTransport(policy: WebhookTargetPolicy(allowPrivate: false), resolver: Resolver(address: address))
        let error = await #expect(throws: AuthError.self) { try await transport.post(Self.request("https://hooks.example.com/in")) }
        #expect(error?.code == .forbidden)
    }

    @Test(arguments: ["http://127.0.0.1:9/", "http://10.0.0.1/", "http://[::1]:9/"])
    func aPrivateLiteralIsRefused(_ url: String) async throws {
        let transport = CheckedWebhookTransport(policy: WebhookTargetPolicy(allowPrivate: false), resolver: Resolver(address: "93.184.215.14"))
        let error = await #expect(throws: AuthError.self) { try await transport.post(Self.request(url)) }
        #expect(error?.code == .forbidden)
    }

    @Test func aRefusedTargetIsGivenUpAtOnceNotRetriedForADay() async throws {
        let store = InMemoryWebhookStore()
        try await store.addEndpoint(WebhookEndpoint(
            url: "https://hooks.example.com/in", events: [], secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            createdAt: Date()))
        try await store.enqueue(AuthEvent(type: .userCreated, occurredAt: Date()), payload: Array("{}".utf8))
        let worker = WebhookWorker(
            store: store,
            transport: CheckedWebhookTransport(policy: WebhookTargetPolicy(allowPrivate: false), resolver: Resolver(address: "127.0.0.1")))
        #expect(await worker.deliverDue() == 1)
        let delivery = try #require(try await store.deliveries(endpoint: nil, limit: 1).first)
        #expect(delivery.state == "given_up")
        #expect(delivery.lastError?.contains("WEBHOOK_ALLOW_PRIVATE") == true)
    }

    /// Counts the requests a receiver took.
    final class Hits: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// A live receiver on a free loopback port answering every POST to `path` with `answer`.
    static func receiver<T>(
        at path: String, _ answer: @escaping @Sendable () -> Response, _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.post(RouterPath(path)) { _, _ in answer() }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))\(path)")
        }
    }

    /// docs/security.md, "No requests to private networks (SSRF)": a receiver that answers with a
    /// redirect does not get the delivery sent on to where it points (which the target checks
    /// never saw); the attempt fails with the redirect's status and is retried later.
    @Test(arguments: [302, 307])
    func aRedirectIsNotFollowedAndTheAttemptFails(status: Int) async throws {
        let hits = Hits()
        try await Self.receiver(at: "/in", { hits.count.withLock { $0 += 1 }; return Response(status: .ok) }) { target in
            // Loopback receivers need the override; the redirect is refused for what it is.
            let transport = CheckedWebhookTransport(policy: WebhookTargetPolicy(allowPrivate: true))
            #expect(try await transport.post(Self.request(target)) == 200)
            #expect(hits.value == 1)  // the target takes what is sent to it

            let redirect: @Sendable () -> Response = {
                Response(status: HTTPResponse.Status(code: status), headers: [.location: target])
            }
            try await Self.receiver(at: "/hooks", redirect) { redirecting in
                let store = InMemoryWebhookStore()
                try await store.addEndpoint(WebhookEndpoint(
                    url: redirecting, events: [], secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                    createdAt: Date()))
                try await store.enqueue(AuthEvent(type: .userCreated, occurredAt: Date()), payload: Array("{}".utf8))
                let worker = WebhookWorker(store: store, transport: transport)
                #expect(await worker.deliverDue() == 1)
                let delivery = try #require(try await store.deliveries(endpoint: nil, limit: 1).first)
                #expect(delivery.state == "pending" && delivery.deliveredAt == nil)
                #expect(delivery.attempts == 1 && delivery.lastStatus == status)
                #expect(delivery.nextAttemptAt != nil)
            }
        }
        #expect(hits.value == 1)  // nothing more reached the target
    }
}
