import Foundation

/// One second-factor method behind the second-factor seam (docs/architecture.md).
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

    /// The `amr` value a session proven with this method records (``AuthenticationMethodReference``).
    /// Default: the method's name.
    var amr: String { get }

    /// Whether a signed-in user can prove this method again without a sign-in challenge
    /// (reauthentication, `POST /reauthenticate {method, code}`). Default `true`; the mailed code,
    /// which exists only inside a sign-in challenge, says `false`.
    var supportsReauthentication: Bool { get }

    /// Whether the method only backs up the others (recovery codes): it is offered beside them,
    /// but on its own it does not make the account ask for a second factor. Default `false`.
    var isBackup: Bool { get }

    /// How the pages present the method: its label, and whether it is answered with a typed code
    /// or a WebAuthn prompt. Default: the method's name as the label, a typed code.
    var presentation: SecondFactorPresentation { get }

    /// Whether `user` has this method switched on (and so must be offered at sign-in).
    func isEnabled(for user: User) async throws -> Bool

    /// What `GET /mfa` lists for `user` under this method. Default: one unnamed entry when the
    /// method is enabled.
    func enrolments(of user: User) async throws -> [SecondFactorEnrolment]

    /// Called when a sign-in challenge was opened for `user` and this method is one of theirs.
    /// - Parameters:
    ///   - challenge: the id the client completes with, and its expiry.
    ///   - code: the challenge's one-time code, known only here and stored only hashed; the email
    ///     method mails it, other methods ignore it.
    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws

    /// Whether `response` proves this factor for `user`.
    /// - Parameter challenge: the open sign-in challenge, or `nil` when a signed-in user proves
    ///   the factor again (reauthentication); a method that needs a challenge answers `false`.
    /// Return `false` for a wrong answer (the flow counts the attempt); throw only real failures.
    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool
}

extension SecondFactor {
    /// The method's name.
    public var amr: String { method.rawValue }

    /// Not a backup.
    public var isBackup: Bool { false }

    /// The method's name as the label, answered with a typed code.
    public var presentation: SecondFactorPresentation { SecondFactorPresentation(label: method.rawValue) }

    /// Provable again by a signed-in user.
    public var supportsReauthentication: Bool { true }

    /// One unnamed entry when the method is enabled.
    public func enrolments(of user: User) async throws -> [SecondFactorEnrolment] {
        try await isEnabled(for: user) ? [SecondFactorEnrolment(method: method)] : []
    }
}
