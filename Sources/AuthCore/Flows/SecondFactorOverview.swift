/// `GET /mfa`: the signed-in user's second factors and how many recovery codes are left.
public struct SecondFactorOverview: Sendable {
    let factors: SecondFactorRegistry
    let store: any SecondFactorStore

    /// The status of the user of `auth`, read from the stores (not the session cache).
    public func callAsFunction(_ auth: Authenticated) async throws -> SecondFactorStatus {
        SecondFactorStatus(
            mfaEnabled: try await !factors.methods(for: auth.user).isEmpty,
            enrolments: try await factors.enrolments(of: auth.user),
            recoveryCodesLeft: try await store.recoveryCodesLeft(of: auth.user.id))
    }
}
