import AuthCore
import NIOSSL

/// What went wrong talking to the SMTP server; kept as the `underlying` of the
/// ``MailTransportError`` that ``SMTPTransport`` throws. Its description holds server replies, never a password.
enum SMTPFailure: Error, Sendable, CustomStringConvertible {
    /// The server answered `reply` to `step`.
    case refused(step: String, reply: SMTPReply)
    /// No reply to `step` in time.
    case timedOut(step: String)
    /// The connection closed during `step`.
    case closed(step: String)
    /// The server sent something that is not SMTP.
    case malformedReply(String)
    /// The server lacks something this client requires (STARTTLS with credentials, an AUTH mechanism).
    case unsupported(String)

    var description: String {
        switch self {
        case .refused(let step, let reply): "SMTP server answered \(step) with \(reply)"
        case .timedOut(let step): "SMTP server did not answer \(step) in time"
        case .closed(let step): "SMTP connection closed during \(step)"
        case .malformedReply(let what): "SMTP server sent a malformed reply: \(what)"
        case .unsupported(let what): what
        }
    }
}

extension MailTransportError {
    /// Maps anything thrown while delivering to the classes ``MailDeliveryFailure`` names.
    static func smtp(_ error: any Error) -> MailTransportError {
        if let error = error as? MailTransportError { return error }
        let underlying: any Error & Sendable = error
        switch error {
        case let auth as AuthError where auth.code == .invalidRequest:
            // The message itself is unsendable (a CR or LF in a header): no retry can help.
            return MailTransportError(.rejected, auth.publicDetail ?? "the message is malformed", underlying: underlying)
        case SMTPFailure.refused(let step, let reply):
            if reply.isTransient {
                return MailTransportError(.transient, "SMTP server refused \(step) for now: \(reply)", underlying: underlying)
            }
            if step == "AUTH", reply.code == 535 {
                return MailTransportError(
                    .misconfigured, "SMTP server refused the login (\(reply)): check the user and password in SMTP_URL",
                    underlying: underlying)
            }
            if isPermanentForTheMessage(step: step, reply: reply) {
                return MailTransportError(.rejected, "SMTP server rejected the message at \(step): \(reply)", underlying: underlying)
            }
            return MailTransportError(.misconfigured, "SMTP server refused \(step): \(reply)", underlying: underlying)
        case SMTPFailure.unsupported(let what):
            return MailTransportError(.misconfigured, what, underlying: underlying)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return MailTransportError(
                .misconfigured, "TLS with the SMTP server failed (\(error)); check its certificate or tls_ca",
                underlying: underlying)
        case let failure as SMTPFailure:
            return MailTransportError(.transient, failure.description, underlying: underlying)
        default:
            return MailTransportError(.transient, "cannot reach the SMTP server: \(error)", underlying: underlying)
        }
    }

    /// A 5xx that says this message or recipient will never be accepted, as opposed to a 5xx
    /// that says our configuration is wrong (not authenticated, sender not allowed).
    private static func isPermanentForTheMessage(step: String, reply: SMTPReply) -> Bool {
        switch step {
        case "RCPT TO":
            if let status = reply.enhancedStatus { return status.hasPrefix("5.1.") || status.hasPrefix("5.2.") || status.hasPrefix("5.6.") }
            return [550, 551, 553].contains(reply.code)
        case "end of data": return true
        default: return false
        }
    }
}
