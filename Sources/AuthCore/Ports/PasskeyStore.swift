import Foundation

/// Registered passkeys (WebAuthn credentials) and each user's WebAuthn user handle.
///
/// Credential ids are unique across all users: adding one that exists throws `conflict`. Every
/// decision that races (recording a use against the counter it was checked with) is atomic.
public protocol PasskeyStore: UserDataEraser {
    /// Stores a new passkey.
    /// - Throws: `AuthError(.conflict)` when its credential id is already registered (to anyone).
    func add(_ passkey: Passkey) async throws
    /// Every passkey of `userID`, oldest first.
    func passkeys(of userID: UserID) async throws -> [Passkey]
    /// The passkey with credential id `credentialID`, whoever holds it.
    func passkey(credentialID: [UInt8]) async throws -> Passkey?
    /// Renames passkey `id` of `userID`; `false` when it has none such.
    func rename(_ id: PasskeyID, of userID: UserID, to name: String) async throws -> Bool
    /// Deletes passkey `id` of `userID`; `false` when it has none such.
    @discardableResult
    func remove(_ id: PasskeyID, of userID: UserID) async throws -> Bool
    /// Records a verified use of passkey `id`: the new counter, backup state and time, only if the
    /// stored counter is still `expectedSignCount` (the one the use was checked against), so of
    /// two concurrent uses of one counter value exactly one is recorded.
    /// - Returns: `false` when the counter moved meanwhile (or the passkey is gone).
    func recordUse(
        _ id: PasskeyID, expectedSignCount: UInt32, signCount: UInt32, backedUp: Bool, at now: Date
    ) async throws -> Bool
    /// The user handle of `userID`: the stored one, or `proposed` stored now if it has none.
    /// Of concurrent callers all get the same handle.
    func userHandle(of userID: UserID, proposing proposed: [UInt8]) async throws -> [UInt8]
    /// The user whose handle is `handle`, if any.
    func userID(forHandle handle: [UInt8]) async throws -> UserID?
    /// Deletes every passkey and the user handle of `userID` (an MFA reset, an account's deletion).
    func removeAll(of userID: UserID) async throws
}
