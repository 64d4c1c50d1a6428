import Metrics

/// The domain counters AuthCore reports through swift-metrics. With no metrics backend bootstrapped
/// (an embedder that does not use swift-metrics) every call is a no-op.
///
/// Every label takes a value from a small fixed set (a flow's method, an `AuthError` code, a code
/// purpose), never a user's data, so the number of series stays bounded.
///
/// - `authd_sign_ins_total{method, outcome}`: sign-in attempts; `outcome` is `success`,
///   `mfa_required` or the `AuthError` code that refused it (`invalid_credentials`, `rate_limited`…).
/// - `authd_codes_issued_total{purpose}`: one-time codes made for a real account (decoys for
///   unknown addresses are not counted, so the figure is what was mailed).
/// - `authd_codes_redeemed_total{purpose}`: codes redeemed successfully.
/// - `authd_rate_limit_refusals_total{limit}`: requests refused by a limit; `limit` is the limit's
///   family (`ip:sign-in`, `email`, `2fa`…), never the key's address or account part.
/// - `authd_token_refreshes_total{outcome}`: refresh-token presentations: `rotated`, `replayed`
///   (the reuse interval answered a retry again), `reused` (a replaced token came back: the session
///   ended), `refused` (not a token of a live session).
/// - `authd_session_cache_lookups_total{result}`: token validations by where the session came
///   from: `hit` (the cache), `miss` (the stores), `error` (the cache failed; the stores answered).
/// - `authd_hashing_queue_depth`, `authd_hashing_refusals_total`,
///   `authd_hashing_duration_seconds`: the password-hashing pool's waiting jobs, the jobs refused
///   because it was full (answered 503 `overloaded`), and the time one hash took.
/// - `authd_mail_deliveries_total{outcome}`: delivery attempts: `delivered`, `retried`, `given_up`;
///   `authd_mail_outbox_messages{state}`: the outbox's `pending` and `given_up` messages, sampled
///   by the worker.
/// - `authd_webhook_deliveries_total{outcome}`: webhook delivery attempts: `delivered`, `retried`,
///   `given_up`.
///
/// Instruments used on every request are made once, the first time they are used: bootstrap the
/// metrics backend (`MetricsSystem.bootstrap`) before serving, as authd does.
public enum AuthMetrics {
    /// Records one sign-in attempt of `method` (`password`, `email_code`, `oauth`, `passkey`, and
    /// `mfa` for the second step).
    public static func signIn(method: String, outcome: String) {
        Counter(label: "authd_sign_ins_total", dimensions: [("method", method), ("outcome", outcome)]).increment()
    }

    /// Runs `body`, a sign-in of `method`, and records its outcome.
    static func recordingSignIn(method: String, _ body: () async throws -> SignInResult) async throws -> SignInResult {
        try await recordingSignIn(method: method, body) { result in
            switch result {
            case .signedIn: "success"
            case .mfaRequired: "mfa_required"
            }
        }
    }

    /// Runs `body`, a sign-in step of `method`, and records its outcome: `outcome` of the result,
    /// or the code of the error it threw.
    static func recordingSignIn<Result>(
        method: String, _ body: () async throws -> Result, outcome: (Result) -> String
    ) async throws -> Result {
        do {
            let result = try await body()
            signIn(method: method, outcome: outcome(result))
            return result
        } catch let error as AuthError {
            signIn(method: method, outcome: error.code.rawValue)
            throw error
        } catch {
            signIn(method: method, outcome: AuthError.Code.internal.rawValue)
            throw error
        }
    }

    /// Records a refusal by the limit whose counter key is `key`; only the part before the first
    /// `:` (two parts for the per-IP `ip:<scope>:` keys) becomes the label, so addresses, accounts
    /// and networks never do.
    public static func rateLimited(limit key: String) {
        let parts = key.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        let family = parts.first == "ip" && parts.count > 1 ? "ip:\(parts[1])" : String(parts.first ?? "")
        Counter(label: "authd_rate_limit_refusals_total", dimensions: [("limit", family)]).increment()
    }

    /// What a refresh did: `rotated`, `replayed` (the grace answered again), `reused` (the
    /// session ended), `refused` (an unknown token or an ended session).
    enum RefreshOutcome: String, CaseIterable { case rotated, replayed, reused, refused }

    private static let refreshes = RefreshOutcome.allCases.reduce(into: [RefreshOutcome: Counter]()) {
        $0[$1] = Counter(label: "authd_token_refreshes_total", dimensions: [("outcome", $1.rawValue)])
    }

    static func refresh(_ outcome: RefreshOutcome) { refreshes[outcome]?.increment() }

    /// Where a token validation found its session.
    enum CacheLookup: String { case hit, miss, error }

    private static let cacheLookups = [CacheLookup.hit, .miss, .error].reduce(into: [CacheLookup: Counter]()) {
        $0[$1] = Counter(label: "authd_session_cache_lookups_total", dimensions: [("result", $1.rawValue)])
    }

    static func sessionCache(_ lookup: CacheLookup) {
        cacheLookups[lookup]?.increment()
    }

    private static let pendingInvalidationsGauge = Gauge(label: "authd_session_cache_pending_invalidations")

    /// Sessions and users whose cache invalidation waits for the cache to come back.
    static func pendingInvalidations(_ count: Int) { pendingInvalidationsGauge.record(count) }

    private static let hashingQueue = Gauge(label: "authd_hashing_queue_depth")
    private static let hashingRefusals = Counter(label: "authd_hashing_refusals_total")
    private static let hashingTime = Metrics.Timer(label: "authd_hashing_duration_seconds")

    static func hashingQueueDepth(_ waiting: Int) { hashingQueue.record(waiting) }
    static func hashingRefused() { hashingRefusals.increment() }
    static func hashed(in duration: Duration) { hashingTime.record(duration: duration) }

    /// The outcome of one delivery attempt.
    enum MailOutcome: String { case delivered, retried, givenUp = "given_up", interrupted }

    static func mailDelivery(_ outcome: MailOutcome) {
        Counter(label: "authd_mail_deliveries_total", dimensions: [("outcome", outcome.rawValue)]).increment()
    }

    /// The outcome of one webhook delivery attempt.
    enum WebhookOutcome: String { case delivered, retried, givenUp = "given_up" }

    static func webhookDelivery(_ outcome: WebhookOutcome) {
        Counter(label: "authd_webhook_deliveries_total", dimensions: [("outcome", outcome.rawValue)]).increment()
    }

    static func outbox(_ summary: MailOutboxSummary) {
        Gauge(label: "authd_mail_outbox_messages", dimensions: [("state", "pending")]).record(summary.pending)
        Gauge(label: "authd_mail_outbox_messages", dimensions: [("state", "given_up")]).record(summary.givenUp)
    }

    static func codeIssued(_ purpose: VerificationPurpose) {
        Counter(label: "authd_codes_issued_total", dimensions: [("purpose", purpose.rawValue)]).increment()
    }

    static func codeRedeemed(_ purpose: VerificationPurpose) {
        Counter(label: "authd_codes_redeemed_total", dimensions: [("purpose", purpose.rawValue)]).increment()
    }
}
