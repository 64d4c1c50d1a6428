import AuthCore
import Foundation
import Testing

/// The behaviour every ``RateLimiter`` adapter must show (fixed windows, refused hits counted).
public enum RateLimiterContract {
    static func key() -> String { "contract:\(UUID().uuidString)" }

    /// Every check.
    public static let checks: [ContractCheck<any RateLimiter>] = [
        ContractCheck("the limit is allowed, the next hit refused, with remaining and reset") { f in
            let k = key()
            let policy = RateLimitPolicy(limit: 3, window: .seconds(60))
            var remaining: [Int] = []
            for _ in 0..<3 {
                let d = try await f.subject.hit(k, policy: policy)
                #expect(d.allowed)
                #expect(d.limit == 3)
                remaining.append(d.remaining)
            }
            #expect(remaining == [2, 1, 0])
            let refused = try await f.subject.hit(k, policy: policy)
            #expect(!refused.allowed)
            #expect(refused.remaining == 0)
            #expect((1...60).contains(refused.resetAfterSeconds))
        },
        ContractCheck("keys are independent") { f in
            let policy = RateLimitPolicy(limit: 1, window: .seconds(60))
            let first = try await f.subject.hit(key(), policy: policy)
            let second = try await f.subject.hit(key(), policy: policy)
            #expect(first.allowed && second.allowed)
        },
        ContractCheck("the window reopens after it ends") { f in
            let k = key()
            let policy = RateLimitPolicy(limit: 1, window: .seconds(1))
            #expect(try await f.subject.hit(k, policy: policy).allowed)
            #expect(try await f.subject.hit(k, policy: policy).allowed == false)
            try await f.advance(.milliseconds(2100))
            #expect(try await f.subject.hit(k, policy: policy).allowed)
        },
        ContractCheck("concurrent hits are counted exactly") { f in
            let k = key()
            let limiter = f.subject
            let policy = RateLimitPolicy(limit: 10, window: .seconds(60))
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<25 { group.addTask { try await limiter.hit(k, policy: policy).allowed } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(allowed == 10)
        },
        ContractCheck("peek reads the window without counting a hit") { f in
            let k = key()
            let policy = RateLimitPolicy(limit: 2, window: .seconds(1))
            let fresh = try await f.subject.peek(k, policy: policy)
            #expect(fresh.allowed && fresh.remaining == 2)
            _ = try await f.subject.hit(k, policy: policy)
            for _ in 0..<3 {
                let seen = try await f.subject.peek(k, policy: policy)
                #expect(seen.allowed && seen.remaining == 1)
            }
            _ = try await f.subject.hit(k, policy: policy)
            let full = try await f.subject.peek(k, policy: policy)
            #expect(!full.allowed && full.remaining == 0 && full.resetAfterSeconds >= 1)
            try await f.advance(.milliseconds(2100))
            #expect(try await f.subject.peek(k, policy: policy).remaining == 2)
        },
        ContractCheck("refund takes back one hit of the open window, never below zero") { f in
            let k = key()
            let policy = RateLimitPolicy(limit: 2, window: .seconds(60))
            try await f.subject.refund(k, policy: policy)  // no window: nothing
            _ = try await f.subject.hit(k, policy: policy)
            _ = try await f.subject.hit(k, policy: policy)
            #expect(try await f.subject.peek(k, policy: policy).allowed == false)
            try await f.subject.refund(k, policy: policy)
            #expect(try await f.subject.peek(k, policy: policy).remaining == 1)
            try await f.subject.refund(k, policy: policy)
            try await f.subject.refund(k, policy: policy)
            #expect(try await f.subject.peek(k, policy: policy).remaining == 2)
        },
    ]
}
