import AuthCore
import Foundation
import Testing

/// The behaviour every ``EphemeralStateStore`` adapter must show (TTL, single use, put-if-absent).
public enum EphemeralStateStoreContract {
    static func key() -> String { "contract:\(UUID().uuidString)" }

    /// Every check.
    public static let checks: [ContractCheck<any EphemeralStateStore>] = [
        ContractCheck("a value is taken back whole, exactly once") { (f) async throws in
            let k = key()
            let value: [UInt8] = [0, 1, 2, 0x7f, 0x80, 0xff] + Array("state".utf8)
            #expect(try await f.subject.put(k, value: value, ttl: .seconds(60)))
            #expect(try await f.subject.take(k) == value)
            #expect(try await f.subject.take(k) == nil)
        },
        ContractCheck("an unknown key takes nil") { (f) async throws in
            #expect(try await f.subject.take(key()) == nil)
        },
        ContractCheck("put does not replace a live value") { (f) async throws in
            let k = key()
            #expect(try await f.subject.put(k, value: [1], ttl: .seconds(60)))
            #expect(try await f.subject.put(k, value: [2], ttl: .seconds(60)) == false)
            #expect(try await f.subject.take(k) == [1])
        },
        ContractCheck("a value disappears after its ttl and the key can be used again") { (f) async throws in
            let k = key()
            #expect(try await f.subject.put(k, value: [1], ttl: .seconds(1)))
            try await f.advance(.milliseconds(1500))
            #expect(try await f.subject.take(k) == nil)
            #expect(try await f.subject.put(k, value: [2], ttl: .seconds(60)))
            #expect(try await f.subject.take(k) == [2])
        },
        ContractCheck("a taken key can be put again") { (f) async throws in
            let k = key()
            #expect(try await f.subject.put(k, value: [1], ttl: .seconds(60)))
            #expect(try await f.subject.take(k) == [1])
            #expect(try await f.subject.put(k, value: [3], ttl: .seconds(60)))
            #expect(try await f.subject.take(k) == [3])
        },
        ContractCheck("of concurrent takes exactly one gets the value") { (f) async throws in
            let k = key()
            let store = f.subject
            #expect(try await store.put(k, value: [42], ttl: .seconds(60)))
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<25 { group.addTask { try await store.take(k) == [42] } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
        },
    ]
}
