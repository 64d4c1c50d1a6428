import AuthCore
import Foundation
import Hummingbird
import HummingbirdCore

extension AuditQuery {
    /// The audit filter of a query string, `?user=&type=&since=&cursor=`: one parser for the admin
    /// API (`GET /api/v1/admin/audit`) and the dashboard's audit page (`/admin/audit`), so the two
    /// cannot drift. Blanks around a value are ignored; an empty parameter is no filter.
    /// - Throws: `invalid_request` for a user that is not a user id, an unknown event type, or a
    ///   `since` that is not an RFC 3339 time.
    package init(parameters: FlatDictionary<Substring, Substring>) throws {
        func value(_ name: String) -> String? {
            parameters[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        self.init(cursor: value("cursor"))
        if let user = value("user") {
            guard let id = UserID(uuidString: user) else { throw AuthError.invalidRequest("user must be a user id") }
            self.user = id
        }
        if let type = value("type") {
            guard let kind = AuditEvent.Kind(rawValue: type) else { throw AuthError.invalidRequest("unknown event type") }
            self.kind = kind
        }
        if let since = value("since") {
            guard let date = Timestamp.parse(since) else { throw AuthError.invalidRequest("since must be an RFC 3339 time") }
            self.since = date
        }
    }
}
