import Foundation

/// The stored admin role (`authd admin grant|revoke`). `ADMIN_EMAILS` adds admins by
/// configuration beside it (``AuthConfiguration/adminEmails``).
public protocol AdminRoleStore: UserDataEraser {
    /// Whether `id` holds the stored role.
    func isAdmin(_ id: UserID) async throws -> Bool
    /// Gives `id` the role.
    /// - Returns: whether this call granted it (`false` when it was already held).
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    func grant(_ id: UserID, at now: Date) async throws -> Bool
    /// Takes the role from `id`.
    /// - Parameter allowingLast: when `false`, refuses to take it from the last holder.
    /// - Returns: whether this call took it (`false` when it was not held).
    /// - Throws: `AuthError(.conflict)` when `id` is the last holder and `allowingLast` is false;
    ///   decided atomically, so two concurrent revocations of the last two admins cannot both pass.
    func revoke(_ id: UserID, allowingLast: Bool) async throws -> Bool
    /// Every holder of the stored role.
    func admins() async throws -> [UserID]
}
