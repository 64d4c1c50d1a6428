/// Delivers one mail to its recipient now, for example over SMTP.
///
/// Flows never call a transport: they hand mail to a ``Mailer`` (an ``OutboxMailer`` in production)
/// and an ``OutboxWorker`` calls the transport off the request path, retrying what failed.
public protocol MailTransport: Sendable {
    /// Renders and delivers `message`, returning once the receiving server has accepted it.
    ///
    /// - Throws: `AuthError`, classified by ``MailDeliveryFailure``:
    ///   - `.unavailable`: a transient failure (server unreachable, a timeout, a 4xx reply);
    ///     retrying later should succeed.
    ///   - `.invalidRequest`: this message can never be delivered (a CR or LF in a header, a
    ///     recipient the server refuses for good); retrying is pointless.
    ///   - anything else (`.invalidCredentials` for a refused login, `.internal` for a server
    ///     that lacks a required feature): permanent until an operator fixes the configuration,
    ///     so the worker keeps retrying with backoff and logs an error each time.
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

    /// Classifies an error thrown by ``MailTransport/deliver(_:)``.
    public init(_ error: any Error) {
        switch (error as? AuthError)?.code {
        case .unavailable?: self = .transient
        case .invalidRequest?: self = .rejected
        case nil where error is CancellationError: self = .transient
        default: self = .misconfigured
        }
    }
}
