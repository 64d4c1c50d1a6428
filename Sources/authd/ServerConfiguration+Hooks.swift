import AuthCore
import AuthHTTP
import Foundation

extension ServerConfiguration {
    /// Reads the hook and webhook settings (docs/webhooks.md).
    /// - Parameter value: the flag, else the environment variable, of a setting of `o`.
    /// - Throws: ``ConfigurationError`` for the first bad value.
    mutating func readHooks(_ o: ConfigurationOptions, _ value: (String?, String) -> String?) throws {
        if let v = value(o.hookBeforeSignUpURL, "HOOK_BEFORE_SIGN_UP_URL") {
            hookEndpoints.beforeSignUp = try ConfigurationParsing.url(v, name: "HOOK_BEFORE_SIGN_UP_URL", schemes: ["https", "http"])
        }
        if let v = value(o.hookCustomClaimsURL, "HOOK_CUSTOM_CLAIMS_URL") {
            hookEndpoints.customClaims = try ConfigurationParsing.url(v, name: "HOOK_CUSTOM_CLAIMS_URL", schemes: ["https", "http"])
        }
        if let v = value(o.hookSecret, "HOOK_SECRET") {
            guard (try? WebhookSigner(secret: v)) != nil else {
                throw ConfigurationError("HOOK_SECRET must be whsec_ followed by at least 24 bytes in base64")
            }
            hookSecret = v
        }
        if hookEndpoints.beforeSignUp != nil || hookEndpoints.customClaims != nil, hookSecret == nil {
            throw ConfigurationError("HOOK_SECRET is required with HOOK_BEFORE_SIGN_UP_URL or HOOK_CUSTOM_CLAIMS_URL (the requests are signed)")
        }
        if let v = value(o.hookTimeout, "HOOK_TIMEOUT") { hookTimeout = try ConfigurationParsing.timeout(v, name: "HOOK_TIMEOUT") }
        if let v = value(o.webhookAllowPrivate, "WEBHOOK_ALLOW_PRIVATE") {
            guard ["0", "1"].contains(v) else { throw ConfigurationError("WEBHOOK_ALLOW_PRIVATE must be 0 or 1") }
            webhookAllowPrivate = v == "1"
        }
        if let v = value(o.webhookRetryInitial, "WEBHOOK_RETRY_INITIAL") {
            webhookRetryInitial = try ConfigurationParsing.timeout(v, name: "WEBHOOK_RETRY_INITIAL")
        }
        if let v = value(o.webhookRetryMax, "WEBHOOK_RETRY_MAX") {
            webhookRetryMax = try ConfigurationParsing.timeout(v, name: "WEBHOOK_RETRY_MAX")
        }
        guard webhookRetryInitial <= webhookRetryMax else {
            throw ConfigurationError("WEBHOOK_RETRY_INITIAL must not be longer than WEBHOOK_RETRY_MAX")
        }
    }

    /// The webhook worker's configuration from these settings.
    var webhookWorkerConfiguration: WebhookWorker.Configuration {
        var c = WebhookWorker.Configuration()
        c.initialBackoff = webhookRetryInitial
        c.maxBackoff = webhookRetryMax
        return c
    }

    /// Which webhook targets are allowed.
    var webhookPolicy: WebhookTargetPolicy { WebhookTargetPolicy(allowPrivate: webhookAllowPrivate) }

    /// The key secrets at rest are sealed under: `ENCRYPTION_KEY`, else the JWT secret.
    var atRestKey: [UInt8]? { encryptionKey ?? jwtSecret }
}
