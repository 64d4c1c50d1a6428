import Foundation

/// One second-factor method behind the seam of DESIGN section 9.
///
/// The flows never name a method: when a first factor (password, OAuth, …) proves a user who has
/// any method switched on, ``SecondFactorGate`` opens one challenge (a single-use, attempt-limited
/// `mfa` row in the ``VerificationStore``), tells each of the user's methods about it, and answers
/// `mfa_required` with their names; ``MFASignInFlow`` then asks the chosen method whether a response
/// proves it, and consumes the challenge atomically. A new method is one type conforming to this
/// protocol plus one entry in the ``SecondFactorRegistry``.
///
/// - Important: ``verify(_:challenge:user:)`` only answers whether the response is right. Attempt
///   counting, expiry, single use and the session are the flow's, so no method can forget them.
public protocol SecondFactor: Sendable {
    /// The method's name.
    var method: SecondFactorMethod { get }

    /// Whether `user` has this method switched on (and so must be offered at sign-in).
    func isEnabled(for user: User) async throws -> Bool

    /// Called when a sign-in challenge was opened for `user` and this method is one of theirs.
    /// - Parameters:
    ///   - challenge: the id the client completes with, and its expiry.
    ///   - code: the challenge's one-time code, known only here and stored only hashed; the email
    ///     method mails it, other methods ignore it.
    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws

    /// Whether `response` proves this factor for the open challenge `challenge` of `user`.
    /// Return `false` for a wrong answer (the flow counts the attempt); throw only real failures.
    func verify(_ response: String, challenge: VerificationCode, user: User) async throws -> Bool
}
