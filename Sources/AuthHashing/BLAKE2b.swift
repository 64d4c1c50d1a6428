/// BLAKE2b (RFC 7693): a keyed or unkeyed hash with a 1...64 byte digest.
///
/// The hasher is a value type without heap storage: state, counter and the pending
/// block live inline, so hashing many small inputs (as Argon2's H' does) never allocates.
/// `update` may be called any number of times with chunks of any size.
public struct BLAKE2b: Sendable {
    private typealias Words8 = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private typealias Words16 = (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    )

    private static let iv: Words8 = (
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
    )

    /// Size of one compression block in bytes.
    public static let blockByteCount = 128

    /// Number of digest bytes `finalize()` returns.
    public let outputByteCount: Int

    private var h: Words8
    // The last block must be compressed with the final flag, so a full block is held
    // back until more input proves it is not the last one.
    private var buffer: Words16 = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferCount = 0
    private var t0: UInt64 = 0
    private var t1: UInt64 = 0

    /// Creates a hasher.
    /// - Parameters:
    ///   - outputByteCount: digest length, 1...64. Different lengths give unrelated digests.
    ///   - key: optional MAC key, 0...64 bytes.
    public init(outputByteCount: Int = 64, key: [UInt8] = []) {
        precondition((1...64).contains(outputByteCount), "BLAKE2b output must be 1...64 bytes")
        precondition(key.count <= 64, "BLAKE2b key must be at most 64 bytes")
        self.outputByteCount = outputByteCount
        h = Self.iv
        h.0 ^= 0x0101_0000 ^ (UInt64(key.count) << 8) ^ UInt64(outputByteCount)
        if !key.isEmpty {
            // A key is absorbed as one zero-padded block ahead of the message.
            withUnsafeMutableBytes(of: &buffer) { $0.copyBytes(from: key) }
            bufferCount = Self.blockByteCount
        }
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        let free = Self.blockByteCount - bufferCount
        if remaining > free {
            // Top up and flush the pending block: more input follows, so it is not final.
            withUnsafeMutableBytes(of: &buffer) {
                ($0.baseAddress! + bufferCount).copyMemory(from: base, byteCount: free)
            }
            base += free
            remaining -= free
            let block = buffer
            withUnsafeBytes(of: block) { compress($0.baseAddress!, byteCount: Self.blockByteCount, isLast: false) }
            bufferCount = 0
            // Whole blocks are compressed straight from the input, keeping one back.
            while remaining > Self.blockByteCount {
                compress(base, byteCount: Self.blockByteCount, isLast: false)
                base += Self.blockByteCount
                remaining -= Self.blockByteCount
            }
        }
        withUnsafeMutableBytes(of: &buffer) {
            ($0.baseAddress! + bufferCount).copyMemory(from: base, byteCount: remaining)
        }
        bufferCount += remaining
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs a little-endian 32-bit integer (Argon2 frames every length this way).
    @inline(__always)
    internal mutating func update(littleEndian value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    /// Returns the digest of everything absorbed so far; the hasher itself is unchanged.
    public func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: outputByteCount) { output, count in
            finalize(into: UnsafeMutableRawPointer(output.baseAddress!))
            count = outputByteCount
        }
    }

    /// Writes `outputByteCount` digest bytes to `output` without allocating.
    internal func finalize(into output: UnsafeMutableRawPointer) {
        var copy = self
        withUnsafeMutableBytes(of: &copy.buffer) { raw in
            // Padding must be zeros; the counter only covers real message bytes.
            _ = (raw.baseAddress! + bufferCount).initializeMemory(
                as: UInt8.self, repeating: 0, count: Self.blockByteCount - bufferCount)
        }
        let block = copy.buffer
        withUnsafeBytes(of: block) { copy.compress($0.baseAddress!, byteCount: bufferCount, isLast: true) }
        let digest = (
            copy.h.0.littleEndian, copy.h.1.littleEndian, copy.h.2.littleEndian, copy.h.3.littleEndian,
            copy.h.4.littleEndian, copy.h.5.littleEndian, copy.h.6.littleEndian, copy.h.7.littleEndian
        )
        withUnsafeBytes(of: digest) { output.copyMemory(from: $0.baseAddress!, byteCount: outputByteCount) }
    }

    /// One-shot digest of `bytes`.
    public static func hash(_ bytes: [UInt8], outputByteCount: Int = 64, key: [UInt8] = []) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: outputByteCount, key: key)
        hasher.update(bytes)
        return hasher.finalize()
    }

    @inline(__always)
    private static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 {
        (x &>> n) | (x &<< (64 &- n))
    }

    @inline(__always)
    private static func g(
        _ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64, _ x: UInt64, _ y: UInt64
    ) {
        a = a &+ b &+ x; d = rotr(d ^ a, 32)
        c = c &+ d; b = rotr(b ^ c, 24)
        a = a &+ b &+ y; d = rotr(d ^ a, 16)
        c = c &+ d; b = rotr(b ^ c, 63)
    }

    // Message words arrive already permuted by SIGMA, so each round is straight-line code.
    @inline(__always)
    private static func round(
        _ v: inout Words16,
        _ m0: UInt64, _ m1: UInt64, _ m2: UInt64, _ m3: UInt64, _ m4: UInt64, _ m5: UInt64,
        _ m6: UInt64, _ m7: UInt64, _ m8: UInt64, _ m9: UInt64, _ m10: UInt64, _ m11: UInt64,
        _ m12: UInt64, _ m13: UInt64, _ m14: UInt64, _ m15: UInt64
    ) {
        g(&v.0, &v.4, &v.8, &v.12, m0, m1)
        g(&v.1, &v.5, &v.9, &v.13, m2, m3)
        g(&v.2, &v.6, &v.10, &v.14, m4, m5)
        g(&v.3, &v.7, &v.11, &v.15, m6, m7)
        g(&v.0, &v.5, &v.10, &v.15, m8, m9)
        g(&v.1, &v.6, &v.11, &v.12, m10, m11)
        g(&v.2, &v.7, &v.8, &v.13, m12, m13)
        g(&v.3, &v.4, &v.9, &v.14, m14, m15)
    }

    /// Compresses one 128-byte block of which `byteCount` bytes are message (the rest padding).
    private mutating func compress(_ block: UnsafeRawPointer, byteCount: Int, isLast: Bool) {
        t0 &+= UInt64(byteCount)
        if t0 < UInt64(byteCount) { t1 &+= 1 }
        @inline(__always) func w(_ i: Int) -> UInt64 {
            UInt64(littleEndian: block.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self))
        }
        let m = (w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7), w(8), w(9), w(10), w(11), w(12), w(13), w(14), w(15))
        let iv = Self.iv
        var v: Words16 = (
            h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7,
            iv.0, iv.1, iv.2, iv.3, iv.4 ^ t0, iv.5 ^ t1, isLast ? ~iv.6 : iv.6, iv.7
        )
        Self.round(&v, m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, m.8, m.9, m.10, m.11, m.12, m.13, m.14, m.15)
        Self.round(&v, m.14, m.10, m.4, m.8, m.9, m.15, m.13, m.6, m.1, m.12, m.0, m.2, m.11, m.7, m.5, m.3)
        Self.round(&v, m.11, m.8, m.12, m.0, m.5, m.2, m.15, m.13, m.10, m.14, m.3, m.6, m.7, m.1, m.9, m.4)
        Self.round(&v, m.7, m.9, m.3, m.1, m.13, m.12, m.11, m.14, m.2, m.6, m.5, m.10, m.4, m.0, m.15, m.8)
        Self.round(&v, m.9, m.0, m.5, m.7, m.2, m.4, m.10, m.15, m.14, m.1, m.11, m.12, m.6, m.8, m.3, m.13)
        Self.round(&v, m.2, m.12, m.6, m.10, m.0, m.11, m.8, m.3, m.4, m.13, m.7, m.5, m.15, m.14, m.1, m.9)
        Self.round(&v, m.12, m.5, m.1, m.15, m.14, m.13, m.4, m.10, m.0, m.7, m.6, m.3, m.9, m.2, m.8, m.11)
        Self.round(&v, m.13, m.11, m.7, m.14, m.12, m.1, m.3, m.9, m.5, m.0, m.15, m.4, m.8, m.6, m.2, m.10)
        Self.round(&v, m.6, m.15, m.14, m.9, m.11, m.3, m.0, m.8, m.12, m.2, m.13, m.7, m.1, m.4, m.10, m.5)
        Self.round(&v, m.10, m.2, m.8, m.4, m.7, m.6, m.1, m.5, m.15, m.11, m.9, m.14, m.3, m.12, m.13, m.0)
        Self.round(&v, m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, m.8, m.9, m.10, m.11, m.12, m.13, m.14, m.15)
        Self.round(&v, m.14, m.10, m.4, m.8, m.9, m.15, m.13, m.6, m.1, m.12, m.0, m.2, m.11, m.7, m.5, m.3)
        h.0 ^= v.0 ^ v.8; h.1 ^= v.1 ^ v.9; h.2 ^= v.2 ^ v.10; h.3 ^= v.3 ^ v.11
        h.4 ^= v.4 ^ v.12; h.5 ^= v.5 ^ v.13; h.6 ^= v.6 ^ v.14; h.7 ^= v.7 ^ v.15
    }
}
