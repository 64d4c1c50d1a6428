import Foundation

/// What a one-time code may be used for. A code never works for another purpose.
public enum VerificationPurpose: String, Hashable, Sendable, Codable, CaseIterable {
    case signUp = "sign_up"
    case mfa
    case passwordReset = "password_reset"
    /// Proves a new address before the account moves to it (``VerificationCode/pendingEmail``).
    case emailChange = "email_change"
    /// Signs in by a mailed code instead of a password.
    case emailSignIn = "email_sign_in"
}

/// A one-time code as stored: only its HMAC-SHA256 under a server key, never the digits.
///
/// A *decoy* has no user: it answers for an address without an account, and goes through the same
/// states as a real code (wrong code, too many attempts, expiry) because its hash matches no code.
public struct VerificationCode: Hashable, Sendable, Codable {
    public var id: VerificationID
    /// The user the code is for; `nil` for a decoy.
    public var userID: UserID?
    public var purpose: VerificationPurpose
    /// HMAC-SHA256(server key, purpose ‖ id ‖ code): binding id and purpose means a stored hash
    /// cannot be replayed for another code row.
    public var codeHash: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date
    /// Wrong submissions so far.
    public var failedAttempts: Int
    /// Set once, atomically, when the right code is redeemed.
    public var consumedAt: Date?
    /// The PHC hash of the password a sign-up carried (only `sign_up` rows made by a sign-up):
    /// installed when, and only when, this row's own code is redeemed.
    public var pendingPasswordHash: String?
    /// For a decoy: a keyed tag of the address it answers for, so that a new decoy for the
    /// same address and purpose replaces the earlier one, exactly as a real resend does.
    public var decoyKey: String?
    /// For an `mfa` challenge: the `amr` value of the first factor that opened it (`pwd`, `fed`),
    /// so the session it ends in records both factors.
    public var firstFactor: String?
    /// For an `email_change` code: the address the account moves to once the code is redeemed.
    public var pendingEmail: EmailAddress?

    /// Creates a stored code.
    public init(
        id: VerificationID = VerificationID(), userID: UserID?, purpose: VerificationPurpose, codeHash: [UInt8],
        createdAt: Date, expiresAt: Date, failedAttempts: Int = 0, consumedAt: Date? = nil,
        pendingPasswordHash: String? = nil, decoyKey: String? = nil, firstFactor: String? = nil,
        pendingEmail: EmailAddress? = nil
    ) {
        self.id = id
        self.userID = userID
        self.purpose = purpose
        self.codeHash = codeHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.failedAttempts = failedAttempts
        self.consumedAt = consumedAt
        self.pendingPasswordHash = pendingPasswordHash
        self.decoyKey = decoyKey
        self.firstFactor = firstFactor
        self.pendingEmail = pendingEmail
    }
}

/// What an attempt to redeem a code came to. Stores decide it atomically.
public enum RedeemOutcome: Hashable, Sendable {
    /// The code was right and is now consumed; nobody else can redeem it.
    case redeemed(VerificationCode)
    /// The code was wrong; the attempt was counted.
    case mismatch(remainingAttempts: Int)
    /// The code is past its expiry.
    case expired
    /// Too many wrong attempts: the code is dead.
    case exhausted
    /// No such live code (unknown, other purpose, already consumed, or replaced by a resend).
    case notFound
}
