import Foundation

/// The stored state of the app-based second factors: authenticator apps (TOTP) with their replay
/// guard, and recovery codes.
///
/// Every method that decides something (confirming, accepting a time step, using a recovery code)
/// decides it atomically: of concurrent callers exactly one succeeds.
public protocol SecondFactorStore: UserDataEraser {
    /// Stores a new (usually unconfirmed) authenticator.
    func addAuthenticator(_ authenticator: TOTPAuthenticator) async throws
    /// Every authenticator of `userID`, confirmed or not, oldest first.
    func authenticators(of userID: UserID) async throws -> [TOTPAuthenticator]
    /// Marks the unconfirmed authenticator `id` of `userID` confirmed at `now`.
    /// - Returns: `false` when there is no such unconfirmed authenticator (unknown, another
    ///   user's, or already confirmed).
    func confirmAuthenticator(_ id: AuthenticatorID, of userID: UserID, at now: Date) async throws -> Bool
    /// Deletes the authenticator `id` of `userID`; `false` when there was none.
    /// - Parameter unconfirmedOnly: delete it only while it is still unconfirmed (a pending
    ///   enrolment), deciding atomically against a confirmation racing it.
    @discardableResult
    func removeAuthenticator(_ id: AuthenticatorID, of userID: UserID, unconfirmedOnly: Bool) async throws -> Bool
    /// Accepts TOTP time step `step` for `userID` if it is later than every step accepted for the
    /// user before (the replay guard: a code's step is accepted once, whichever authenticator it
    /// came from), and records `now` as the authenticator's last use.
    /// - Returns: `false` when `step` is not later than the last accepted one.
    func acceptStep(_ step: Int64, authenticator id: AuthenticatorID, of userID: UserID, at now: Date) async throws -> Bool
    /// Deletes unconfirmed authenticators created before `cutoff`; returns how many.
    @discardableResult
    func purgeUnconfirmed(createdBefore cutoff: Date) async throws -> Int

    /// Replaces every recovery code of `userID` (used or not) with `hashes`.
    func replaceRecoveryCodes(of userID: UserID, with hashes: [[UInt8]], at now: Date) async throws
    /// Uses the unused recovery code `hash` of `userID`: `true` once, `false` for any later or
    /// unknown use.
    func useRecoveryCode(_ hash: [UInt8], of userID: UserID, at now: Date) async throws -> Bool
    /// How many unused recovery codes `userID` has.
    func recoveryCodesLeft(of userID: UserID) async throws -> Int

    /// Deletes every authenticator, recovery code and replay record of `userID` (an
    /// administrator's MFA reset, an account's deletion).
    func removeAll(of userID: UserID) async throws
}
