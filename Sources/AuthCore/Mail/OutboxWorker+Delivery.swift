import Foundation
import Synchronization
import Logging

extension OutboxWorker {
    /// One attempt at `claim`, and its outcome recorded in the outbox.
    func process(_ claim: ClaimedMail) async {
        let message = claim.message
        var metadata: Logger.Metadata = [
            "mail_id": "\(message.id)", "mail_kind": "\(message.kindName)", "attempt": "\(claim.attempt)",
        ]
        if configuration.dropExpiredCodes, let expiry = message.codeExpiry, expiry <= clock.now {
            await abandon(claim, reason: "its code expired before it could be delivered", metadata: metadata)
            return
        }
        do {
            try await transport.deliver(message)
        } catch {
            let failure = MailDeliveryFailure(error)
            let reason = Self.describe(error)
            metadata["error"] = "\(reason)"
            if failure == .rejected || claim.attempt >= configuration.maxAttempts {
                await abandon(claim, reason: reason, metadata: metadata)
                return
            }
            AuthMetrics.mailDelivery(.retried)
            let delay = configuration.backoff(afterAttempt: claim.attempt)
            metadata["retry_in"] = "\(delay)"
            if failure == .transient {
                logger.warning("mail delivery failed; will retry", metadata: metadata)
            } else {
                logger.error("mail delivery refused: check the mail configuration; will retry", metadata: metadata)
            }
            do {
                try await outbox.markFailed(claim, error: reason, nextAttemptAt: clock.now.addingTimeInterval(delay.timeInterval))
            } catch {
                metadata["outbox_error"] = "\(Self.describe(error))"
                logger.warning("cannot record a failed delivery; retried when the lease ends", metadata: metadata)
            }
            return
        }
        delivered.add(1, ordering: .relaxed)
        AuthMetrics.mailDelivery(.delivered)
        do {
            try await outbox.markSent(claim)
            logger.debug("mail delivered", metadata: metadata)
        } catch {
            metadata["outbox_error"] = "\(Self.describe(error))"
            logger.error("mail delivered but not marked sent: it may be sent again when the lease ends", metadata: metadata)
        }
    }

    private func abandon(_ claim: ClaimedMail, reason: String, metadata: Logger.Metadata) async {
        givenUp.add(1, ordering: .relaxed)
        AuthMetrics.mailDelivery(.givenUp)
        logger.error("giving up on mail: \(reason)", metadata: metadata)
        do {
            try await outbox.giveUp(claim, error: reason)
        } catch {
            logger.warning("cannot record a given-up mail", metadata: metadata.merging(["outbox_error": "\(Self.describe(error))"]) { $1 })
        }
    }

    /// A short, secret-free description for logs and the outbox's `last_error`.
    static func describe(_ error: any Error) -> String {
        var text = "\(error)"
        // A public detail already says what happened; otherwise the underlying error's text helps.
        if let auth = error as? AuthError, auth.publicDetail == nil, let underlying = auth.underlying { text += " (\(underlying))" }
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }
}

extension MailMessage {
    /// When the code the message carries stops working, if it carries one.
    var codeExpiry: Date? {
        switch kind {
        case .verifyEmail(_, let expiresAt), .signInCode(_, let expiresAt), .resetPassword(_, let expiresAt),
             .verifyNewEmail(_, let expiresAt): expiresAt
        case .passwordChanged, .signUpAttempted, .secondFactorRemoved, .secondFactorAdded, .recoveryCodesReplaced,
             .emailChanged, .oauthUnlinked: nil
        }
    }
}
