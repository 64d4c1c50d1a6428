import Logging

/// Sends notices (a password or factor changed, codes replaced) after the change is already
/// stored. Best effort: a mail failure is logged and never turns a completed change into an
/// error, which would hide what was done (new recovery codes, shown once) from the user.
struct Notifier: Sendable {
    let mailer: any Mailer
    let logger: Logger

    /// Sends `message`, logging (without its content) when it cannot be handed over.
    func send(_ message: MailMessage) async {
        do {
            try await mailer.send(message)
        } catch {
            logger.error("notice mail failed", metadata: ["kind": "\(message.kindName)", "error": "\(error)"])
        }
    }
}
