import Logging

/// A ``Mailer`` that writes each mail, code included, to the log instead of sending it.
///
/// - Important: for development and the embedded default only: codes land in the log in clear.
public struct LogMailer: Mailer {
    private let logger: Logger

    /// Creates a mailer that logs to `logger`.
    public init(logger: Logger = Logger(label: "auth.mail")) { self.logger = logger }

    public func send(_ message: MailMessage) async throws {
        var metadata: Logger.Metadata = ["to": "\(message.to)", "subject": "\(message.subject)"]
        if let code = message.code { metadata["code"] = "\(code)" }
        logger.notice("mail (not sent: no SMTP configured)", metadata: metadata)
    }
}
