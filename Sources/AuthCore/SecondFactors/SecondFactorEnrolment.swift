import Foundation

/// One entry of `GET /mfa`: an enabled method, or one authenticator of a method that has several.
public struct SecondFactorEnrolment: Hashable, Sendable {
    /// The method it belongs to.
    public var method: SecondFactorMethod
    /// The enrolment's id, for methods with several (an authenticator app); `nil` otherwise.
    public var id: String?
    /// The user's label for it.
    public var name: String?
    /// When it was added, for methods that record it.
    public var createdAt: Date?
    /// When it last proved the user, for methods that record it.
    public var lastUsedAt: Date?

    /// Creates an entry.
    public init(
        method: SecondFactorMethod, id: String? = nil, name: String? = nil, createdAt: Date? = nil,
        lastUsedAt: Date? = nil
    ) {
        self.method = method
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
