import AuthHashing
import Foundation

/// The production ``PasswordHasher``: Argon2id in PHC string format, run on a bounded thread pool.
///
/// New hashes use the configured parameters (OWASP's m=19456 KiB, t=2, p=1 by default) with a
/// 16-byte random salt and a 32-byte tag. Any standard `$argon2id$v=19$…` string verifies,
/// including the old service's `m=65536,t=3,p=4`, unless its cost exceeds the configured ceilings:
/// a hostile or corrupt stored string must not be able to exhaust memory or CPU.
public struct Argon2idPasswordHasher: PasswordHasher {
    /// Cost parameters and ceilings.
    public struct Configuration: Sendable, Hashable {
        /// Memory per hash in KiB (default 19456).
        public var memoryKiB: UInt32 = 19456
        /// Passes over memory (default 2).
        public var iterations: UInt32 = 2
        /// Lanes (default 1).
        public var parallelism: UInt32 = 1
        /// The largest memory cost a stored hash may ask for (default 256 MiB).
        public var maximumMemoryKiB: UInt32 = 262_144
        /// The largest time cost a stored hash may ask for (default 16).
        public var maximumIterations: UInt32 = 16
        /// The most lanes a stored hash may ask for (default 16).
        public var maximumParallelism: UInt32 = 16
        /// Creates the default configuration.
        public init() {}
    }

    /// Passwords longer than this many bytes are refused outright rather than hashed: the API
    /// already limits passwords to 128 characters, and this keeps a huge input from being hashed.
    public static let maximumPasswordBytes = 4096

    private let configuration: Configuration
    private let pool: BlockingWorkPool
    private let random: any RandomSource

    /// Creates a hasher.
    /// - Parameters:
    ///   - configuration: cost parameters and ceilings.
    ///   - pool: where hashing runs; share one pool per process. A pool made without
    ///     ``AuthHashing/BlockingWorkPool/passwordHashing(threadCount:queueLimit:)`` still has its
    ///     refusals answered as `AuthError(.overloaded)`.
    ///   - random: the salt source; the OS CSPRNG unless testing.
    public init(
        configuration: Configuration = .init(), pool: BlockingWorkPool = .passwordHashing(),
        random: any RandomSource = SystemRandomSource()
    ) {
        self.configuration = configuration
        self.pool = pool
        self.random = random
    }

    private var parameters: Argon2.Parameters {
        Argon2.Parameters(
            memoryKiB: configuration.memoryKiB, iterations: configuration.iterations,
            parallelism: configuration.parallelism, outputLength: 32)
    }

    public func hash(_ password: String) async throws -> String {
        let bytes = Array(password.utf8)
        guard bytes.count <= Self.maximumPasswordBytes else { throw AuthError.invalidRequest("password is too long") }
        let salt = random.bytes(16)
        let parameters = self.parameters
        return try await run {
            let started = ContinuousClock.now
            defer { AuthMetrics.hashed(in: .now - started) }
            let tag = try Argon2.hashRaw(password: bytes, salt: salt, parameters: parameters)
            return PHCString(parameters: parameters, salt: salt, hash: tag).encoded
        }
    }

    public func verify(_ password: String, against phc: String) async throws -> Bool {
        let bytes = Array(password.utf8)
        guard bytes.count <= Self.maximumPasswordBytes, let stored = PHCString(parsing: phc), isAcceptable(stored)
        else { return false }
        return try await run {
            let started = ContinuousClock.now
            defer { AuthMetrics.hashed(in: .now - started) }
            var parameters = stored.parameters
            parameters.outputLength = stored.hash.count
            guard let tag = try? Argon2.hashRaw(password: bytes, salt: stored.salt, parameters: parameters) else {
                return false
            }
            return ConstantTime.equals(tag, stored.hash)
        }
    }

    public func needsRehash(_ phc: String) -> Bool {
        guard let stored = PHCString(parsing: phc) else { return true }
        let p = stored.parameters
        return p.memoryKiB != configuration.memoryKiB || p.iterations != configuration.iterations
            || p.parallelism != configuration.parallelism || stored.hash.count != 32 || stored.salt.count < 16
    }

    /// Runs `work` on the pool; a plain pool's ``AuthHashing/BlockingWorkPool/Overloaded`` becomes
    /// the same `AuthError(.overloaded)` a password-hashing pool throws.
    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.run(work)
        } catch is BlockingWorkPool.Overloaded {
            AuthMetrics.hashingRefused()
            throw AuthError(.overloaded, BlockingWorkPool.busyDetail)
        }
    }

    /// Whether a stored string's cost is within the ceilings (and sane: a tag of 16 to 64 bytes).
    private func isAcceptable(_ stored: PHCString) -> Bool {
        let p = stored.parameters
        return p.memoryKiB <= configuration.maximumMemoryKiB && p.iterations <= configuration.maximumIterations
            && p.parallelism <= configuration.maximumParallelism && (16...64).contains(stored.hash.count)
            && (8...64).contains(stored.salt.count)
    }
}
