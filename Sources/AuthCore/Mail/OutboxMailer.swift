/// A ``Mailer`` that only records mail in a ``MailOutbox``: a request never waits on the mail
/// server, and mail accepted here survives a mail-server outage (and, with a durable outbox, a
/// restart). An ``OutboxWorker`` delivers it.
public struct OutboxMailer: Mailer {
    /// Where mail is recorded.
    public let outbox: any MailOutbox

    /// Creates a mailer that enqueues into `outbox`.
    public init(outbox: any MailOutbox) { self.outbox = outbox }

    /// Validates `message` and enqueues it.
    /// - Throws: `AuthError(.invalidRequest)` when a header value could be used for header
    ///   injection (see ``MailMessage/validateHeaders()``); whatever the outbox throws
    ///   (`.unavailable` when its store is down).
    public func send(_ message: MailMessage) async throws {
        try message.validateHeaders()
        try await outbox.enqueue(message)
    }
}
