import Foundation
import Logging

/// Records audit events without letting an audit-store failure fail the user's request, and
/// publishes the ``AuthEvent`` each record makes (docs/webhooks.md).
struct Auditor: Sendable {
    let log: any AuditLog
    let clock: any WallClock
    let logger: Logger
    let events: EventPublisher

    func record(
        _ kind: AuditEvent.Kind, user: User? = nil, actor: UserID? = nil, email: EmailAddress? = nil,
        client: ClientContext, detail: String? = nil
    ) async {
        let event = AuditEvent(
            kind: kind, userID: user?.id, actorID: actor, email: email ?? user?.email, client: client, at: clock.now,
            detail: detail)
        do {
            try await log.record(event)
        } catch {
            logger.error("audit log write failed", metadata: ["kind": "\(kind.rawValue)", "error": "\(error)"])
        }
        // The change is stored whether or not its audit record could be: the event still happened.
        if let published = AuthEvent(event) { await events.publish(published) }
    }
}
