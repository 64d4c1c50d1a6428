import Foundation
import Testing

/// ES256 keys rotated end to end on PostgreSQL with two authd instances and `authd keys`
/// (docs/tokens.md): old tokens live on until retired, new tokens carry the new kid, and both
/// instances agree throughout.
@Suite("key rotation with two instances", .enabled(if: BackingServers.expected), .serialized)
struct KeyRotationTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    static func kid(_ token: String) throws -> String {
        var part = String(try #require(token.split(separator: ".").first))
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while part.count % 4 != 0 { part += "=" }
        let header = try JSONSerialization.jsonObject(with: try #require(Data(base64Encoded: part))) as? [String: Any]
        return try #require(header?["kid"] as? String)
    }

    static func jwksKids(_ http: RawHTTPClient) throws -> Set<String> {
        let keys = try http.request("GET", "/.well-known/jwks.json").object()["keys"] as? [[String: Any]] ?? []
        return Set(keys.compactMap { $0["kid"] as? String })
    }

    /// Polls `condition` every 200 ms for up to 15 s.
    static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<75 {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try condition()
    }

    @Test func rotateThenRetireWithTwoInstances() async throws {
        let schema = "keys_\(UUID().uuidString.prefix(8).lowercased())"
        try await SchemaGuardTests.psql(servers.database, "CREATE SCHEMA \(schema)")
        let separator = servers.database.contains("?") ? "&" : "?"
        let database = servers.database + separator + "options=-csearch_path%3D\(schema)"
        #expect(try await SchemaGuardTests.run(["migrate"], ["DATABASE_URL": database]).status == 0)
        let environment = [
            "DATABASE_URL": database, "JWT_SECRET": BackingServers.secret, "MAIL_LOG": "insecure", "PORT": "0",
            "JWT_ALG": "ES256", "JWT_KEY_REFRESH": "1s", "ENCRYPTION_KEY": String(repeating: "e", count: 32),
        ]
        var instances: [(AuthdProcess, RawHTTPClient)] = []
        for _ in 0..<2 {
            let authd = try AuthdProcess(arguments: ["serve"], environment: environment)
            let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
            instances.append((authd, RawHTTPClient(port: port)))
        }
        defer { for (authd, _) in instances { _ = authd.terminate() } }
        let (a, httpA) = instances[0]
        let httpB = instances[1].1

        let email = "rotate-\(UUID().uuidString.prefix(6).lowercased())@example.com"
        let signUp = try httpA.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await a.waitFor(/code=(\d{6})/)
        let verified = try httpA.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": try #require(a.loggedCodes.last)])
        let before = try #require(try verified.object()["token"] as? String)
        let oldKid = try Self.kid(before)
        for http in [httpA, httpB] { #expect(try http.request("GET", "/api/v1/auth/me", token: before).status == 200) }
        #expect(try Self.jwksKids(httpA) == Self.jwksKids(httpB))

        let rotated = try await SchemaGuardTests.run(["keys", "rotate"], environment)
        #expect(rotated.status == 0, "\(rotated.err)")
        #expect(rotated.out.contains("\(oldKid)  ES256  previous"), "\(rotated.out)")
        let newKid = try #require(rotated.out.split(separator: "\n").first { $0.contains("  current  ") }?.split(separator: " ").first.map(String.init))

        // Within the refresh interval both instances sign with the new key and publish both.
        var after = ""
        #expect(try await Self.eventually {
            let signIn = try httpB.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "correct horse battery"])
            after = try signIn.object()["token"] as? String ?? ""
            return try Self.kid(after) == newKid
        })
        #expect(try await Self.eventually { try Self.jwksKids(httpA).isSuperset(of: [oldKid, newKid]) && Self.jwksKids(httpA) == Self.jwksKids(httpB) })
        for http in [httpA, httpB] {
            #expect(try http.request("GET", "/api/v1/auth/me", token: before).status == 200)
            #expect(try http.request("GET", "/api/v1/auth/me", token: after).status == 200)
        }

        let retired = try await SchemaGuardTests.run(["keys", "retire", oldKid], environment)
        #expect(retired.status == 0, "\(retired.err)")
        #expect(try await Self.eventually {
            try [httpA, httpB].allSatisfy { try $0.request("GET", "/api/v1/auth/me", token: before).status == 401 }
        })
        for http in [httpA, httpB] {
            #expect(try http.request("GET", "/api/v1/auth/me", token: after).status == 200)
            #expect(try !Self.jwksKids(http).contains(oldKid))
        }
        let current = try await SchemaGuardTests.run(["keys", "retire", newKid], environment)
        #expect(current.status == 1)
    }
}
