import AuthCore
import Foundation
import Testing

/// The behaviour every ``OpenIDClientStore`` adapter must show: registration with unique ids,
/// lookups that give back exactly what was registered, the list's order, removal, and secrets
/// that only a confidential client can have replaced (docs/oidc.md).
public enum OpenIDClientStoreContract {
    /// A confidential client `id` registered at `now`.
    static func confidential(_ id: String, at now: Date) -> OpenIDClient {
        OpenIDClient(
            id: id, name: "App \(id)", secretHash: Array("secret of \(id)".utf8),
            redirectURIs: ["https://\(id).example.com/callback"], createdAt: now)
    }

    /// A public client `id` (no secret) registered at `now`.
    static func publicClient(_ id: String, at now: Date) -> OpenIDClient {
        OpenIDClient(id: id, name: "App \(id)", secretHash: nil, redirectURIs: ["com.example.\(id):/callback"], createdAt: now)
    }

    /// Every check.
    public static let checks: [ContractCheck<any OpenIDClientStore>] = [
        ContractCheck("a registered client reads back exactly as registered, confidential or public") { f in
            let store = f.subject
            var web = confidential("web", at: f.now())
            web.postLogoutRedirectURIs = ["https://web.example.com/", "https://web.example.com/bye"]
            web.isFirstParty = true
            web.idTokenAlgorithm = .es256
            let mobile = publicClient("mobile", at: f.now().addingTimeInterval(1))
            try await store.insert(web)
            try await store.insert(mobile)
            #expect(try await store.client(id: "web") == web)
            let read = try await store.client(id: "mobile")
            #expect(read == mobile)
            #expect(read?.isPublic == true && read?.idTokenAlgorithm == .rs256 && read?.isFirstParty == false)
            #expect(try await store.client(id: "Web") == nil)
            #expect(try await store.client(id: "unknown") == nil)
        },
        ContractCheck("redirect URIs keep their order and every character, since they are matched exactly") { f in
            let store = f.subject
            var client = confidential("exact", at: f.now())
            client.redirectURIs = [
                "https://b.example.com/cb?x=1&y=%2F", "https://a.example.com/cb#frag", "com.example.app:/oauth2redirect",
                "http://127.0.0.1:8080/callback", "https://例え.jp/コールバック", "https://q.example.com/\"quoted\"\\",
            ]
            client.postLogoutRedirectURIs = ["https://b.example.com/", "https://a.example.com/"]
            try await store.insert(client)
            let read = try #require(try await store.client(id: "exact"))
            #expect(read.redirectURIs == client.redirectURIs)
            #expect(read.postLogoutRedirectURIs == client.postLogoutRedirectURIs)
        },
        ContractCheck("a taken client id is a conflict, and the first registration stays") { f in
            let store = f.subject
            let first = confidential("taken", at: f.now())
            try await store.insert(first)
            var second = publicClient("taken", at: f.now().addingTimeInterval(5))
            second.name = "Impostor"
            let error = await #expect(throws: AuthError.self) { try await store.insert(second) }
            #expect(error?.code == .conflict)
            #expect(try await store.client(id: "taken") == first)
            #expect(try await store.clients() == [first])
        },
        ContractCheck("clients are listed oldest first, by id when registered at the same instant") { f in
            let store = f.subject
            let now = f.now()
            let late = confidential("late", at: now.addingTimeInterval(60))
            let early = publicClient("early", at: now)
            let (b, a) = (confidential("b-app", at: now.addingTimeInterval(30)), confidential("a-app", at: now.addingTimeInterval(30)))
            for client in [late, b, early, a] { try await store.insert(client) }
            #expect(try await store.clients().map(\.id) == ["early", "a-app", "b-app", "late"])
        },
        ContractCheck("an empty store lists no clients") { f in
            let clients = try await f.subject.clients()
            #expect(clients.isEmpty)
        },
        ContractCheck("a removed client is gone: removing it again, or an unknown one, answers false") { f in
            let store = f.subject
            let (gone, kept) = (confidential("gone", at: f.now()), publicClient("kept", at: f.now()))
            try await store.insert(gone)
            try await store.insert(kept)
            #expect(try await store.remove(id: "gone"))
            #expect(try await store.client(id: "gone") == nil)
            #expect(try await store.clients() == [kept])
            #expect(try await store.remove(id: "gone") == false)
            #expect(try await store.remove(id: "unknown") == false)
            // Its id can be registered again.
            try await store.insert(gone)
            #expect(try await store.client(id: "gone") == gone)
        },
        ContractCheck("a confidential client's secret is replaced; nothing else of it changes") { f in
            let store = f.subject
            let client = confidential("rotating", at: f.now())
            try await store.insert(client)
            let fresh = Array("the new secret".utf8)
            #expect(try await store.replaceSecret(of: "rotating", with: fresh))
            var expected = client
            expected.secretHash = fresh
            #expect(try await store.client(id: "rotating") == expected)
        },
        ContractCheck("a public client cannot be given a secret, and an unknown client has none to replace") { f in
            let store = f.subject
            let client = publicClient("spa", at: f.now())
            try await store.insert(client)
            #expect(try await store.replaceSecret(of: "spa", with: Array("sneaked in".utf8)) == false)
            let read = try await store.client(id: "spa")
            #expect(read == client && read?.isPublic == true)
            #expect(try await store.replaceSecret(of: "unknown", with: Array("x".utf8)) == false)
            #expect(try await store.client(id: "unknown") == nil)
        },
    ]
}
