import Foundation
import Logging

extension OAuthSignInFlow {
    /// Takes (and so spends) the pending sign-in under `state`, checking it belongs to `provider`.
    func takePending(_ state: String, provider: String, client: ClientContext) async throws -> OAuthPendingSignIn {
        // Anything that is not one of our 43-character states cannot be in the store; not looked up.
        guard Base64URL.isToken(state, length: OAuthPendingSignIn.tokenLength),
            let bytes = try await states.take(OAuthPendingSignIn.key(for: state))
        else { throw await refused(.unknownState, provider: provider, client: client) }
        guard let pending = try? OAuthPendingSignIn.decoded(bytes) else {
            throw await refused(.unknownState, provider: provider, client: client)
        }
        guard pending.provider == provider else { throw await refused(.providerMismatch, provider: provider, client: client) }
        return pending
    }

    /// Runs a provider call; whatever it throws becomes a logged `oauth_failed`.
    func guarded<T>(provider: String, client: ClientContext? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AuthError where error.code == .oauthFailed {
            let failure = error.underlying as? OAuthFailure
            throw await refused(
                failure?.reason ?? .providerUnavailable, provider: provider, client: client, underlying: failure?.underlying)
        } catch {
            throw await refused(.providerUnavailable, provider: provider, client: client, underlying: error)
        }
    }

    /// Logs and audits a refusal, and returns the generic public error for it.
    func refused(
        _ reason: OAuthFailure.Reason, provider: String, client: ClientContext? = nil, detail: String? = nil,
        underlying: (any Error & Sendable)? = nil
    ) async -> AuthError {
        var metadata: Logger.Metadata = ["provider": "\(provider)", "reason": "\(reason.rawValue)"]
        if let detail { metadata["detail"] = "\(detail)" }
        if let underlying {
            // The type only: driver and decoder texts may quote provider answers.
            metadata["underlying"] = "\(String(reflecting: type(of: underlying)))"
        }
        logger.notice("oauth sign-in refused", metadata: metadata)
        if let client {
            await audit.record(.signInFailed, client: client, detail: "oauth:\(provider):\(reason.rawValue)")
        }
        return AuthError.oauth(reason, underlying: underlying)
    }
}
