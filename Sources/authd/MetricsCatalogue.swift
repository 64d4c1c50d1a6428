import Prometheus

/// Every metric authd exports, with its help text: the `# HELP` lines of `/metrics` and the list
/// in docs/operations.md. swift-metrics has no help text, so the exposition adds it here.
enum MetricsCatalogue {
    /// authd's own metrics, and the store backends' (``StoreBackends/metricHelp``).
    static let help: [String: String] = ownHelp.merging(StoreBackends.metricHelp) { own, _ in own }

    private static let ownHelp: [String: String] = [
        "authd_http_requests_total": "HTTP requests answered, by route template, method and status.",
        "authd_http_request_duration_seconds": "Time from request to response head, by route template and method.",
        "authd_sign_ins_total": "Sign-in attempts by method and outcome (success, mfa_required or the refusing error code).",
        "authd_codes_issued_total": "One-time codes issued for real accounts, by purpose.",
        "authd_codes_redeemed_total": "One-time codes redeemed successfully, by purpose.",
        "authd_rate_limit_refusals_total": "Requests refused by a rate limit, by limit family.",
        "authd_token_refreshes_total": "Refresh-token presentations by outcome: rotated, replayed (the reuse interval answered a retry), reused (the session ended), refused.",
        "authd_session_cache_pending_invalidations": "Session-cache invalidations (sessions and users) waiting for the cache to take them: above 0, other instances may still accept sessions revoked here.",
        "authd_session_cache_lookups_total": "Token validations by where the session came from: hit (cache), miss (stores), error (cache failed, stores answered).",
        "authd_hashing_queue_depth": "Password hashes waiting for a hashing thread.",
        "authd_hashing_refusals_total": "Password hashes refused because the hashing queue was full (answered 503 overloaded).",
        "authd_hashing_duration_seconds": "Time one password hash (Argon2id) took on its thread.",
        "authd_mail_deliveries_total": "Mail delivery attempts by outcome: delivered, retried, given_up, interrupted (cut by a shutdown, due again at once).",
        "authd_webhook_deliveries_total": "Webhook delivery attempts by outcome: delivered, retried, given_up.",
        "authd_mail_outbox_messages": "Outbox messages by state (pending, given_up), sampled every 15 s by the worker.",
    ]

    /// The registry's text exposition with a `# HELP` line before each family's `# TYPE` line.
    static func exposition(of registry: PrometheusCollectorRegistry) -> String {
        var out = ""
        for line in registry.emitToString().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).split(separator: " ").first.map(String.init) ?? ""
                out += "# HELP \(name) \(help[name] ?? name.replacingOccurrences(of: "_", with: " "))\n"
            }
            if !line.isEmpty { out += line + "\n" }
        }
        return out
    }
}
