import Foundation
import Synchronization
import Logging

extension OutboxWorker {
    /// One attempt at `claim`, and its outcome recorded in the outbox.
    /// - Parameter shutdown: once requested, the attempt is not started, or is cancelled at its
    ///   deadline; either way the message is released, due again at once.
    func process(_ claim: ClaimedMail, shutdown: Shutdown?) async {
        let message = claim.message
        var metadata: Logger.Metadata = [
            "mail_id": "\(message.id)", "mail_kind": "\(message.kindName)", "attempt": "\(claim.attempt)",
        ]
        if configuration.dropExpiredCodes, let expiry = message.codeExpiry, expiry <= clock.now {
            await abandon(claim, reason: "its code expired before it could be delivered", metadata: metadata)
            return
        }
        if shutdown?.isRequested == true {
            await release(claim, metadata: metadata)
            return
        }
        switch await attempt(message, shutdown: shutdown) {
        case .delivered:
            break
        case .interrupted:
            await release(claim, metadata: metadata)
            return
        case .failed(let error):
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

    /// How one attempt ended.
    enum Attempt {
        case delivered
        case failed(any Error)
        /// Cancelled: the stop's deadline passed, or the worker's task was cancelled.
        case interrupted
    }

    /// Hands `message` to the transport; once a stop is requested, cancels the delivery when the
    /// stop's deadline passes (cancellation reaches the transport, which cuts its dialogue).
    private func attempt(_ message: MailMessage, shutdown: Shutdown?) async -> Attempt {
        let transport = transport
        let outcome = await withTaskGroup(of: Attempt?.self) { group -> Attempt in
            group.addTask {
                do {
                    try await transport.deliver(message)
                    return .delivered
                } catch {
                    return .failed(error)
                }
            }
            if let shutdown {
                group.addTask { await shutdown.deadlinePassed() ? .interrupted : nil }
            }
            var delivery: Attempt?
            var cutShort = false
            while let result = await group.next() {
                switch result {
                case .interrupted?: cutShort = true
                case let finished?: delivery = finished
                case nil: break
                }
                // The first to end decides: the watchdog cancels the delivery, or the delivery the watchdog.
                group.cancelAll()
            }
            // A delivery that succeeded in the same instant counts; a failure after the cut is the cut.
            if case .delivered? = delivery { return .delivered }
            return cutShort ? .interrupted : delivery ?? .interrupted
        }
        if case .failed = outcome, Task.isCancelled { return .interrupted }
        return outcome
    }

    /// Gives up this worker's lease on `claim`: the message is due again at once, for the next
    /// worker or instance, with no backoff (the interrupted attempt still counts toward
    /// `maxAttempts`).
    private func release(_ claim: ClaimedMail, metadata: Logger.Metadata) async {
        AuthMetrics.mailDelivery(.interrupted)
        do {
            try await outbox.markFailed(claim, error: "interrupted by shutdown", nextAttemptAt: clock.now)
            logger.notice("mail delivery interrupted by shutdown; due again at once", metadata: metadata)
        } catch {
            logger.warning(
                "mail delivery interrupted by shutdown; due again when its lease ends",
                metadata: metadata.merging(["outbox_error": "\(Self.describe(error))"]) { $1 })
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
             .emailChanged, .oauthUnlinked, .refreshTokenReused: nil
        }
    }
}
