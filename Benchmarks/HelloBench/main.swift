// The benchmark references: what authd's `GET /me` is measured against in `make bench`.
//
// - `GET /hello`: a bare Hummingbird route returning a small JSON body, with nothing of the auth
//   service in the way: what the framework and this machine allow.
// - `GET /redis` (when a Redis URL is given): one GET through AuthCacheRedis's client per request,
//   the same client and connection settings authd uses, answering a JSON body the size of `/me`.
//   A design that must consult shared state on every request (so a logout is refused by every
//   instance at once) cannot beat this; it is the honest ceiling for `/me` with Redis.
//
// `make bench` sends both the same request as `/me`, bearer token included; they ignore it.
//
// Usage: hello-bench [port] [redis-url]   (default 8089; listens on 127.0.0.1)
import AuthCacheRedis
import Hummingbird
import Logging

struct Hello: ResponseEncodable {
    let ok: Bool
    let id: String
    let email: String
}

/// A body shaped and sized like authd's `/me` answer (the values are fixed).
let meSizedBody = #"""
    {"session":{"id":"8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9e","expires_at":"2026-12-07T12:00:00.000Z",\#
    "client":"curl","ip":"127.0.0.1","parsed_location":"","created_at":"2026-11-30T12:00:00.000Z",\#
    "last_used_at":"2026-11-30T12:00:00.000Z","amr":["pwd"],"aal":1},"user":{"id":"5b1f6a52-6d2e-4c8e-\#
    9d1b-3f0e2a7c4b19","email":"bench@example.com","is_email_verified":true,"image_url":null,"mfa_enabled":false}}
    """#

let arguments = CommandLine.arguments.dropFirst()
let port = arguments.first.flatMap(Int.init) ?? 8089
let router = Router()
router.get("/hello") { _, _ in
    Hello(ok: true, id: "8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9e", email: "bench@example.com")
}
if let redisURL = arguments.dropFirst().first {
    let client = try RedisClient(url: redisURL, logger: Logger(label: "hello-bench.redis"))
    let key = "hello-bench:me"
    _ = try await client.send("SET", key, meSizedBody)
    router.get("/redis") { _, _ in
        guard case .bulkString(let bytes) = try await client.send([Array("GET".utf8), Array(key.utf8)]) else {
            return Response(status: .internalServerError)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
