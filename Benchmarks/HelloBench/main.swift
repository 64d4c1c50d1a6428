// The benchmark ceiling: a bare Hummingbird route returning a small JSON body, with nothing of
// the auth service in the way. `make bench` loads it with wrk next to authd's `/me` so the table
// can report how close authd gets to what the framework and this machine allow.
//
// Usage: hello-bench [port]   (default 8089; listens on 127.0.0.1)
import Hummingbird

struct Hello: ResponseEncodable {
    let ok: Bool
    let id: String
    let email: String
}

let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8089
let router = Router()
router.get("/hello") { _, _ in
    Hello(ok: true, id: "8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9e", email: "bench@example.com")
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
