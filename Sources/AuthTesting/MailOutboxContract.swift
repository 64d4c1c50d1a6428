import AuthCore
import Foundation
import Testing

/// The behaviour every ``MailOutbox`` adapter must show (see the protocol's documentation).
///
/// Each check assumes the outbox it gets is empty and used by nobody else, since claims take any
/// due message; the adapter's clock must be the fixture's.
public enum MailOutboxContract {
    /// A fresh message to a unique address, carrying a code valid for 15 minutes from `now`.
    public static func message(at now: Date, code: String = "123456") -> MailMessage {
        let tag = UUID().uuidString.prefix(8).lowercased()
        return MailMessage(to: EmailAddress(normalized: "mail-\(tag)@example.com"),
                           kind: .verifyEmail(code: code, expiresAt: now.addingTimeInterval(900)))
    }

    static let lease = Duration.seconds(60)

    /// Every check.
    public static let checks: [ContractCheck<any MailOutbox>] = [
        ContractCheck("an enqueued message is due at once and comes back whole as attempt 1") { f in
            let kinds: [MailMessage.Kind] = [
                .verifyEmail(code: "000123", expiresAt: f.now().addingTimeInterval(900.125)),
                .signInCode(code: "654321", expiresAt: f.now()), .resetPassword(code: "777777", expiresAt: f.now()),
                .passwordChanged(at: f.now().addingTimeInterval(0.5)), .signUpAttempted(at: f.now()),
            ]
            var sent: [MailMessage] = []
            for kind in kinds {
                let m = MailMessage(to: EmailAddress(normalized: "kind-\(UUID())@example.com"), kind: kind)
                try await f.subject.enqueue(m)
                sent.append(m)
                try await f.advance(.milliseconds(10))
            }
            #expect(try await f.subject.summary() == MailOutboxSummary(pending: 5, givenUp: 0))
            let claims = try await f.subject.claim(limit: 10, lease: lease)
            #expect(claims.map(\.message) == sent)
            #expect(claims.allSatisfy { $0.attempt == 1 })
        },
        ContractCheck("enqueueing a message id twice queues it once") { f in
            let m = message(at: f.now())
            try await f.subject.enqueue(m)
            try await f.subject.enqueue(m)
            #expect(try await f.subject.claim(limit: 10, lease: lease).map(\.message) == [m])
        },
        ContractCheck("claims take the oldest due messages first, up to the limit") { f in
            var queued: [MailMessage] = []
            for _ in 0..<3 {
                queued.append(message(at: f.now()))
                try await f.subject.enqueue(queued.last!)
                try await f.advance(.seconds(1))
            }
            #expect(try await f.subject.claim(limit: 2, lease: lease).map(\.message) == Array(queued.prefix(2)))
            #expect(try await f.subject.claim(limit: 2, lease: lease).map(\.message) == [queued[2]])
            #expect(try await f.subject.claim(limit: 2, lease: lease).isEmpty)
        },
        ContractCheck("claim takes exactly what it asked for") { f in
            // Many claims in a row (a PostgreSQL prepared statement turns generic after five) must
            // each lease only the rows they return: a row leased but not returned would wait out
            // its lease undelivered.
            for _ in 0..<12 { try await f.subject.enqueue(message(at: f.now())) }
            var claimed: [UUID] = []
            for _ in 0..<8 {
                let one = try await f.subject.claim(limit: 1, lease: lease)
                #expect(one.count == 1)
                claimed += one.map(\.message.id)
            }
            let three = try await f.subject.claim(limit: 3, lease: lease)
            #expect(three.count == 3)
            claimed += three.map(\.message.id)
            #expect(try await f.subject.claim(limit: 0, lease: lease).isEmpty)
            // Exactly one message was never claimed, and it is still due.
            let rest = try await f.subject.claim(limit: 100, lease: lease)
            #expect(rest.count == 1)
            #expect(Set(claimed + rest.map(\.message.id)).count == 12)
        },
        ContractCheck("a leased message is not claimed again until its lease ends") { f in
            let m = message(at: f.now())
            try await f.subject.enqueue(m)
            #expect(try await f.subject.claim(limit: 1, lease: lease).first?.attempt == 1)
            try await f.advance(.seconds(59))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            try await f.advance(.seconds(2))
            let again = try await f.subject.claim(limit: 1, lease: lease)
            #expect(again.map(\.message) == [m])
            #expect(again.first?.attempt == 2)
        },
        ContractCheck("a sent message leaves the outbox for good") { f in
            try await f.subject.enqueue(message(at: f.now()))
            let claim = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            try await f.subject.markSent(claim)
            try await f.advance(.seconds(3600))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            #expect(try await f.subject.summary() == MailOutboxSummary(pending: 0, givenUp: 0))
        },
        ContractCheck("a failed message is due again at its next attempt time, not before") { f in
            let m = message(at: f.now())
            try await f.subject.enqueue(m)
            let claim = try #require(try await f.subject.claim(limit: 1, lease: .seconds(5)).first)
            try await f.subject.markFailed(claim, error: "421 try later", nextAttemptAt: f.now().addingTimeInterval(120))
            try await f.advance(.seconds(119))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            #expect(try await f.subject.summary() == MailOutboxSummary(pending: 1, givenUp: 0))
            try await f.advance(.seconds(2))
            let retry = try await f.subject.claim(limit: 1, lease: lease)
            #expect(retry.map(\.message) == [m])
            #expect(retry.first?.attempt == 2)
        },
        ContractCheck("a given-up message is never claimed again and is counted") { f in
            try await f.subject.enqueue(message(at: f.now()))
            let claim = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            try await f.subject.giveUp(claim, error: "550 no such user")
            try await f.advance(.seconds(86_400))
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            #expect(try await f.subject.summary() == MailOutboxSummary(pending: 0, givenUp: 1))
        },
        ContractCheck("the outcome of a stale claim does not undo a newer claim's lease") { f in
            try await f.subject.enqueue(message(at: f.now()))
            let stale = try #require(try await f.subject.claim(limit: 1, lease: .seconds(5)).first)
            try await f.advance(.seconds(6))
            let current = try #require(try await f.subject.claim(limit: 1, lease: lease).first)
            #expect(current.attempt == stale.attempt + 1)
            try await f.subject.markFailed(stale, error: "late", nextAttemptAt: f.now())
            try await f.subject.giveUp(stale, error: "late")
            #expect(try await f.subject.claim(limit: 1, lease: lease).isEmpty)
            #expect(try await f.subject.summary() == MailOutboxSummary(pending: 1, givenUp: 0))
        },
        ContractCheck("concurrent claimers never get the same message") { f in
            let outbox = f.subject
            for _ in 0..<24 { try await outbox.enqueue(message(at: f.now())) }
            let ids = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let batch = try await outbox.claim(limit: 3, lease: lease)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.message.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(ids.count == 24)
            #expect(Set(ids).count == 24)
        },
        ContractCheck("erasing a user drops the mail addressed to them only") { f in
            let (gone, kept) = (Sample.user(at: f.now()), Sample.user(at: f.now()))
            let a = MailMessage(to: gone.email, kind: .signUpAttempted(at: f.now()))
            let b = MailMessage(to: kept.email, kind: .signUpAttempted(at: f.now()))
            try await f.subject.enqueue(a)
            try await f.subject.enqueue(b)
            try await f.subject.eraseData(of: gone)
            let claimed = try await f.subject.claim(limit: 100, lease: lease).map(\.message.to)
            #expect(!claimed.contains(gone.email))
            #expect(claimed.contains(kept.email))
        },
    ]
}
