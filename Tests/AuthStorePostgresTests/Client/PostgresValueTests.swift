import AuthCore
@testable import AuthStorePostgres
import Foundation
import Testing

/// Encoding, placeholders and error text, without a server.
@Suite struct PostgresValueTests {
    @Test func interpolationsBecomeNumberedParametersNeverText() {
        let id = UUID()
        let query: PostgresQuery = "SELECT * FROM users WHERE id = \(.uuid(id)) AND email = \(.text("a'; DROP TABLE users; --"))"
        #expect(query.sql == "SELECT * FROM users WHERE id = $1 AND email = $2")
        #expect(query.binds == [.uuid(id), .text("a'; DROP TABLE users; --")])
    }

    @Test func timestampsKeepWholeSecondsAndMillisecondsExactly() {
        let base = Date(timeIntervalSince1970: 1_767_225_600)
        for ms in 0..<1000 {
            let date = base.addingTimeInterval(Double(ms) / 1000)
            #expect(PostgresTimestamp.date(fromMicroseconds: PostgresTimestamp.microseconds(from: date)) == date)
            let parsed = Timestamp.parse(Timestamp.format(date))!
            #expect(PostgresTimestamp.date(fromMicroseconds: PostgresTimestamp.microseconds(from: parsed)) == parsed)
        }
        // 2000-01-01T00:00:00Z is PostgreSQL's epoch.
        #expect(PostgresTimestamp.microseconds(from: Date(timeIntervalSince1970: 946_684_800)) == 0)
    }

    @Test func typedNullsKeepTheirType() {
        #expect(PostgresValue.uuid(nil) == PostgresValue(oid: PostgresOID.uuid, bytes: nil))
        #expect(PostgresValue.int(-2).bytes == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
    }

    @Test func errorsMapToAuthErrorsWithoutTheirText() {
        let unique = PostgresError(.server, sqlState: "23505", constraint: "users_email_key", table: "users")
        #expect(unique.authError.code == .conflict)
        #expect(PostgresError(.server, sqlState: "57P01").authError.code == .unavailable)
        #expect(PostgresError(.server, sqlState: "08006").authError.code == .unavailable)
        #expect(PostgresError(.connection, context: "refused").authError.code == .unavailable)
        #expect(PostgresError(.poolExhausted).authError.code == .unavailable)
        #expect(PostgresError(.server, sqlState: "42P01").authError.code == .internal)
        // A write on a server that became read-only (a demoted primary, a standby): 503, and the
        // connection is replaced so the next one finds the new primary.
        let readOnly = PostgresError(.server, sqlState: "25006")
        #expect(readOnly.authError.code == .unavailable)
        #expect(readOnly.breaksConnection)
        #expect(unique.description == "PostgresError(server, sqlstate 23505, constraint users_email_key, table users)")
        #expect(String(describing: unique.authError) == "AuthError(conflict: already exists)")
    }
}
