import AuthCore

/// Proves at start-up (and in `authd check`) that the configured encryption key still opens the
/// authenticator secrets in the database: a changed or lost key must stop the start with one
/// clear line, not fail every sign-in with an app later.
enum EncryptionKeyCheck {
    /// - Throws: ``ConfigurationError`` naming `ENCRYPTION_KEY` when one of `samples` does not open.
    static func verify(_ key: [UInt8], opens samples: [TOTPAuthenticator]) throws {
        guard !samples.isEmpty else { return }
        let secrets: TOTPSecrets
        do { secrets = try TOTPSecrets(encryptionKey: key) } catch { throw ConfigurationError("ENCRYPTION_KEY must be at least 32 bytes") }
        for sample in samples {
            guard (try? secrets.open(sample)) != nil else {
                throw ConfigurationError(
                    "ENCRYPTION_KEY does not open the authenticator secrets stored in the database (the key, or the "
                        + "JWT_SECRET it defaults to, was changed or lost): restore the key it had; see docs/configuration.md")
            }
        }
    }
}
