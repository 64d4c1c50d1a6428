import AuthCore
import AuthHTTP
import Foundation
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
}
