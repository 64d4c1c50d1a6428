/// Randomness, injected so tests can seed it.
///
/// - Important: production code must use ``SystemRandomSource`` (the OS CSPRNG); a seeded source
///   is for tests only.
public protocol RandomSource: Sendable {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

extension RandomSource {
    /// A uniformly random number of `digits` decimal digits, zero-padded (rejection sampling, no
    /// modulo bias).
    public func digits(_ digits: Int) -> String {
        var bound: UInt32 = 1
        for _ in 0..<digits { bound *= 10 }
        // Largest multiple of `bound` that fits in UInt32; values at or above it are redrawn.
        let limit = UInt32.max - UInt32.max % bound
        while true {
            let b = bytes(4)
            let value = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            if value < limit {
                let text = String(value % bound)
                return String(repeating: "0", count: digits - text.count) + text
            }
        }
    }
}

/// The operating system's CSPRNG (`getrandom` on Linux).
public struct SystemRandomSource: RandomSource {
    /// Creates the system source.
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
