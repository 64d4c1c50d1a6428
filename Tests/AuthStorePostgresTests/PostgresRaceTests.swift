import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// Races with as many connections as racers, so the database (not the pool) decides.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresRaceTests {
    @Test func twentyConcurrentSignUpsWithOneEmailCreateOneUser() async throws {
        try await TestDatabase.withSchema(poolSize: 20) { stores, _ in
            let email = EmailAddress(normalized: "race-\(UUID())@example.com")
            let users = stores.users
            let outcomes = await withTaskGroup(of: AuthError.Code?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        do { try await users.insert(User(email: email, createdAt: Date())); return nil }
                        catch { return (error as? AuthError)?.code ?? .internal }
                    }
                }
                return await group.reduce(into: [AuthError.Code?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.filter { $0 == .conflict }.count == 19)
            let count = try await stores.pool.query("SELECT count(*) AS n FROM users WHERE email = \(.text(email.value))")
            #expect(try count.rows[0].int("n") == 1)
        }
    }

    @Test func tenConcurrentCorrectSubmissionsRedeemOnce() async throws {
        try await TestDatabase.withSchema(poolSize: 10) { stores, _ in
            let now = Date(timeIntervalSince1970: 1_767_225_600)
            let user = Sample.user(at: now)
            try await stores.users.insert(user)
            let code = VerificationCode(userID: user.id, purpose: .mfa, codeHash: [7, 7, 7], createdAt: now, expiresAt: now + 900)
            try await stores.verifications.replace(with: code)
            let store = stores.verifications
            let outcomes = try await withThrowingTaskGroup(of: RedeemOutcome.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await store.redeem(id: code.id, purpose: .mfa, codeHash: [7, 7, 7], at: now, maxAttempts: 5) }
                }
                return try await group.reduce(into: [RedeemOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { if case .redeemed = $0 { true } else { false } }.count == 1)
            #expect(outcomes.filter { $0 == .notFound }.count == 9)
        }
    }

    @Test func concurrentWrongGuessesAreCountedExactly() async throws {
        try await TestDatabase.withSchema(poolSize: 10) { stores, _ in
            let now = Date(timeIntervalSince1970: 1_767_225_600)
            let user = Sample.user(at: now)
            try await stores.users.insert(user)
            let code = VerificationCode(userID: user.id, purpose: .signUp, codeHash: [1], createdAt: now, expiresAt: now + 900)
            try await stores.verifications.replace(with: code)
            let store = stores.verifications
            let outcomes = try await withThrowingTaskGroup(of: RedeemOutcome.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await store.redeem(id: code.id, purpose: .signUp, codeHash: [2], at: now, maxAttempts: 5) }
                }
                return try await group.reduce(into: [RedeemOutcome]()) { $0.append($1) }
            }
            let remaining = outcomes.compactMap { if case .mismatch(let r) = $0 { r } else { nil } }
            #expect(remaining.sorted() == [0, 1, 2, 3, 4])
            #expect(outcomes.filter { $0 == .exhausted }.count == 5)
            #expect(try await store.code(id: code.id)?.failedAttempts == 5)
        }
    }
}
