import AuthCore
import Foundation
import Testing

/// The behaviour every ``SigningKeyStore`` adapter must show.
public enum SigningKeyStoreContract {
    static func key(_ state: SigningKey.State, at now: Date) -> SigningKey {
        SigningKey(
            kid: "k-\(UUID().uuidString.prefix(8))", algorithm: .es256, state: state, publicKey: [UInt8](repeating: 4, count: 64),
            sealedPrivateKey: [UInt8](repeating: 9, count: 60), createdAt: now)
    }

    /// Every check.
    public static let checks: [ContractCheck<any SigningKeyStore>] = [
        ContractCheck("bootstrap stores the first keys once") { f in
            let first = [key(.current, at: f.now()), key(.next, at: f.now())]
            #expect(try await f.subject.bootstrap(first))
            #expect(try await f.subject.bootstrap([key(.current, at: f.now())]) == false)
            let stored = try await f.subject.keys()
            #expect(Set(stored.map(\.kid)) == Set(first.map(\.kid)))
            #expect(stored.first { $0.state == .current }?.publicKey == first[0].publicKey)
        },
        ContractCheck("of concurrent bootstraps exactly one stores its keys") { f in
            let store = f.subject
            let now = f.now()
            let stored = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await store.bootstrap([key(.current, at: now), key(.next, at: now)]) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(stored == 1)
            #expect(try await store.keys().count { $0.state == .current } == 1)
        },
        ContractCheck("rotation moves next to current, current to previous, old previous to retired") { f in
            let start = f.now()
            let a = key(.current, at: start)
            let b = key(.next, at: start)
            _ = try await f.subject.bootstrap([a, b])
            let c = key(.next, at: start)
            try await f.subject.rotate(adding: c, at: start.addingTimeInterval(10), retiringPreviousBefore: start)
            var states = Dictionary(uniqueKeysWithValues: try await f.subject.keys().map { ($0.kid, $0.state) })
            #expect(states == [a.kid: .previous, b.kid: .current, c.kid: .next])
            // A second rotation while a's tokens may still live keeps a published...
            let d = key(.next, at: start)
            try await f.subject.rotate(adding: d, at: start.addingTimeInterval(20), retiringPreviousBefore: start.addingTimeInterval(5))
            states = Dictionary(uniqueKeysWithValues: try await f.subject.keys().map { ($0.kid, $0.state) })
            #expect(states == [a.kid: .previous, b.kid: .previous, c.kid: .current, d.kid: .next])
            // ...and a third, once they have expired, retires both.
            let e = key(.next, at: start)
            try await f.subject.rotate(adding: e, at: start.addingTimeInterval(100), retiringPreviousBefore: start.addingTimeInterval(50))
            states = Dictionary(uniqueKeysWithValues: try await f.subject.keys().map { ($0.kid, $0.state) })
            #expect(states == [a.kid: .retired, b.kid: .retired, c.kid: .previous, d.kid: .current, e.kid: .next])
        },
        ContractCheck("rotating after the next key was retired makes the new key current at once") { f in
            let a = key(.current, at: f.now())
            let b = key(.next, at: f.now())
            _ = try await f.subject.bootstrap([a, b])
            #expect(try await f.subject.retire(b.kid, at: f.now()))
            let c = key(.next, at: f.now())
            try await f.subject.rotate(adding: c, at: f.now(), retiringPreviousBefore: f.now().addingTimeInterval(-60))
            let states = Dictionary(uniqueKeysWithValues: try await f.subject.keys().map { ($0.kid, $0.state) })
            #expect(states == [a.kid: .previous, b.kid: .retired, c.kid: .current])
        },
        ContractCheck("keys of another algorithm are their own: bootstrap and rotation leave them alone") { f in
            let es = [key(.current, at: f.now()), key(.next, at: f.now())]
            _ = try await f.subject.bootstrap(es)
            var ed = [key(.current, at: f.now()), key(.next, at: f.now())]
            for index in ed.indices { ed[index].algorithm = .edDSA }
            #expect(try await f.subject.bootstrap(ed))
            var next = key(.next, at: f.now())
            next.algorithm = .edDSA
            try await f.subject.rotate(adding: next, at: f.now(), retiringPreviousBefore: f.now())
            let states = Dictionary(uniqueKeysWithValues: try await f.subject.keys().map { ($0.kid, $0.state) })
            #expect(states[es[0].kid] == .current && states[es[1].kid] == .next)
            #expect(states[ed[0].kid] == .previous && states[ed[1].kid] == .current && states[next.kid] == .next)
        },
        ContractCheck("a previous or next key can be retired at once, the current one cannot") { f in
            let a = key(.current, at: f.now())
            let b = key(.next, at: f.now())
            _ = try await f.subject.bootstrap([a, b])
            #expect(try await f.subject.retire(a.kid, at: f.now()) == false)
            #expect(try await f.subject.retire(b.kid, at: f.now()))
            #expect(try await f.subject.retire(b.kid, at: f.now()) == false)
            #expect(try await f.subject.retire("unknown", at: f.now()) == false)
            #expect(try await f.subject.keys().first { $0.kid == b.kid }?.state == .retired)
        },
    ]
}
