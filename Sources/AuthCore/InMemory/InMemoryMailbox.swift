/// A ``Mailer`` that keeps every message, for tests and for embedding services that deliver mail
/// themselves.
public actor InMemoryMailbox: Mailer {
    /// Every message accepted, oldest first.
    public private(set) var messages: [MailMessage] = []

    /// Creates an empty mailbox.
    public init() {}

    public func send(_ message: MailMessage) { messages.append(message) }

    /// The newest message to `address`, if any.
    public func latest(to address: EmailAddress) -> MailMessage? { messages.last { $0.to == address } }
}
