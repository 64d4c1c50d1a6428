/// Delivers one mail to its recipient now, for example over SMTP.
///
/// Flows never call a transport: they hand mail to a ``Mailer`` (an ``OutboxMailer`` in production)
/// and an ``OutboxWorker`` calls the transport off the request path, retrying what failed.
public protocol MailTransport: Sendable {
    /// Renders and delivers `message`, returning once the receiving server has accepted it.
    ///
    /// - Throws: ``MailTransportError``, whose ``MailTransportError/failure`` tells the worker
    ///   whether to retry soon (`.transient`), keep retrying while an operator fixes the
    ///   configuration (`.misconfigured`), or give up on this message (`.rejected`). Its text is
    ///   for operators' logs and may quote the server; it never reaches a client.
    func deliver(_ message: MailMessage) async throws
}

/// How an ``OutboxWorker`` treats a failed delivery.
public enum MailDeliveryFailure: Hashable, Sendable {
    /// Worth retrying soon: an outage, a timeout, a temporary refusal.
    case transient
    /// Needs an operator (refused login, server without a feature we require); retried with
    /// backoff anyway, so mail flows again as soon as the configuration is fixed.
    case misconfigured
    /// This message will never be accepted; given up at once.
    case rejected

    /// Classifies an error thrown by ``MailTransport/deliver(_:)``: a ``MailTransportError`` says
    /// what it is; a cancellation is transient; anything else needs an operator.
    public init(_ error: any Error) {
        switch error {
        case let error as MailTransportError: self = error.failure
        case is CancellationError: self = .transient
        default: self = .misconfigured
        }
    }
}

/// Why a ``MailTransport`` could not deliver a message.
///
/// Operator-facing: the outbox worker logs it and keeps it as the row's last error. It is not an
/// ``AuthError``, so nothing in it (a server's reply, a host name) can reach a client's
/// `publicDetail`.
public struct MailTransportError: Error, Sendable, CustomStringConvertible {
    /// How the worker treats it.
    public var failure: MailDeliveryFailure
    /// What happened, in words an operator can act on; never a password.
    public var reason: String
    /// The driver's error, for logs.
    public var underlying: (any Error & Sendable)?

    /// Creates a failure.
    public init(_ failure: MailDeliveryFailure, _ reason: String, underlying: (any Error & Sendable)? = nil) {
        self.failure = failure
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String { reason }
}
