import Foundation
import Logging

/// Hands each event to the webhook queue and to the embedder's ``AuthHooks/eventOccurred``,
/// after the change it reports was stored. Neither can fail the request: failures are logged.
struct EventPublisher: Sendable {
    let hooks: HookRunner
    let webhooks: (any WebhookStore)?
    let logger: Logger

    func publish(_ event: AuthEvent) async {
        if let webhooks {
            do {
                try await webhooks.enqueue(event, payload: try WebhookPayload.body(of: event))
            } catch {
                logger.error(
                    "cannot queue webhook deliveries", metadata: ["event": "\(event.type)", "event_id": "\(event.id)", "error": "\(error)"])
            }
        }
        await hooks.eventOccurred(event)
    }
}
