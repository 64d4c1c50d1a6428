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
public enum AuthMetrics {
    /// Records one sign-in attempt of `method` (`password`, `email_code`, `mfa`, `oauth`).
    public static func signIn(method: String, outcome: String) {
        Counter(label: "authd_sign_ins_total", dimensions: [("method", method), ("outcome", outcome)]).increment()
    }

    /// Runs `body`, a sign-in of `method`, and records its outcome.
    static func recordingSignIn(method: String, _ body: () async throws -> SignInResult) async throws -> SignInResult {
        do {
            let result = try await body()
            switch result {
            case .signedIn: signIn(method: method, outcome: "success")
            case .mfaRequired: signIn(method: method, outcome: "mfa_required")
            }
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

    static func codeIssued(_ purpose: VerificationPurpose) {
        Counter(label: "authd_codes_issued_total", dimensions: [("purpose", purpose.rawValue)]).increment()
    }

    static func codeRedeemed(_ purpose: VerificationPurpose) {
        Counter(label: "authd_codes_redeemed_total", dimensions: [("purpose", purpose.rawValue)]).increment()
    }
}
