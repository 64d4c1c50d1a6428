import AuthCore

extension Argon2idPasswordHasher.Configuration {
    /// A real Argon2id cost made small (64 KiB, one pass, one lane) so tests that hash many
    /// passwords stay fast.
    ///
    /// - Important: for tests only; it offers no protection against offline guessing.
    public static let cheapForTests: Self = {
        var c = Self()
        c.memoryKiB = 64
        c.iterations = 1
        c.parallelism = 1
        return c
    }()
}
