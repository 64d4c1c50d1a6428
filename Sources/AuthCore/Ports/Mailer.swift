/// Hands mail to delivery. Implementations should be durable (an outbox) or at least fast:
/// flows call this on the request path.
public protocol Mailer: Sendable {
    /// Accepts `message` for delivery.
    func send(_ message: MailMessage) async throws
}
