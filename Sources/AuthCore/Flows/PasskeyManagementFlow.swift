import Foundation

/// The signed-in user's passkeys: `GET /passkeys`, `PATCH /passkeys/{id}`, `DELETE /passkeys/{id}`.
///
/// Removing one weakens the account (it may be its second factor), so it needs a recent
/// authentication and mails a notice; renaming does not.
public struct PasskeyManagementFlow: Sendable {
    let store: any PasskeyStore
    let factors: SecondFactorRegistry
    let cache: CacheInvalidator
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Longest passkey name, in characters.
    public static let maxNameLength = 64

    /// The user's passkeys, oldest first.
    public func list(_ auth: Authenticated) async throws -> [Passkey] {
        try await store.passkeys(of: auth.user.id)
    }

    /// Renames passkey `id`.
    /// - Throws: `not_found` for an id that is not one of the user's; `invalid_request` for a bad name.
    public func rename(_ auth: Authenticated, id: PasskeyID, name: String) async throws -> Passkey {
        let label = try Self.validName(name)
        guard try await store.rename(id, of: auth.user.id, to: label),
              let renamed = try await store.passkeys(of: auth.user.id).first(where: { $0.id == id })
        else { throw AuthError(.notFound, "no such passkey") }
        return renamed
    }

    /// Removes passkey `id`.
    /// - Throws: `reauthentication_required`; `not_found` for an id that is not one of the user's.
    public func remove(_ auth: Authenticated, id: PasskeyID, client: ClientContext = ClientContext()) async throws {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        guard try await store.remove(id, of: auth.user.id) else { throw AuthError(.notFound, "no such passkey") }
        await cache.user(auth.user.id)
        await audit.record(.mfaDisabled, user: auth.user, client: client, detail: SecondFactorMethod.passkey.rawValue)
        await notices.send(MailMessage(
            to: auth.user.email, kind: .secondFactorRemoved(method: SecondFactorMethod.passkey.rawValue, at: now)))
    }

    static func validName(_ name: String?) throws -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty else {
            if name == nil { return "Passkey" }
            throw AuthError.invalidRequest("name must be 1 to \(maxNameLength) characters without control characters")
        }
        guard trimmed.count <= maxNameLength, trimmed.utf8.count <= 4 * maxNameLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw AuthError.invalidRequest("name must be 1 to \(maxNameLength) characters without control characters") }
        return trimmed
    }
}
