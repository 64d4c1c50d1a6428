/// Argon2's compression function G (RFC 9106 section 3.5) on 1 KiB blocks of 128 words.
///
/// This is where nearly all of Argon2's time goes, so it works on raw pointers only:
/// no arrays, no reference counting, no bounds or overflow checks.
enum BlockMixer {
    static let blockWords = 128
    static let blockBytes = 1024

    typealias Lane = SIMD2<UInt64>

    /// fBlaMka on two words at once: BLAKE2b's addition hardened with a 32×32→64 multiply,
    /// which makes dedicated hardware less of an advantage. The masks let LLVM select
    /// a single unsigned 32-bit multiply (pmuludq) per pair.
    @inline(__always)
    private static func mix(_ x: Lane, _ y: Lane) -> Lane {
        let product = (x & Lane(repeating: 0xFFFF_FFFF)) &* (y & Lane(repeating: 0xFFFF_FFFF))
        return x &+ y &+ product &+ product
    }

    // Rotations combine their halves with `&+` (the halves share no bits, so it equals `|`):
    // the stdlib implements `&+` on SIMD2<UInt64> as one vector add, while `|` is generic
    // per-element code that LLVM would turn back into two scalar `rol`s on SSE2 targets.
    @inline(__always)
    private static func rotr(_ x: Lane, _ n: UInt64) -> Lane {
        (x &>> Lane(repeating: n)) &+ (x &<< Lane(repeating: 64 &- n))
    }

    @inline(__always)
    private static func gb(_ a: inout Lane, _ b: inout Lane, _ c: inout Lane, _ d: inout Lane) {
        a = mix(a, b); d = rotr(d ^ a, 32)
        c = mix(c, d); b = rotr(b ^ c, 24)
        a = mix(a, b); d = rotr(d ^ a, 16)
        c = mix(c, d); b = rotr(b ^ c, 63)
    }

    /// The permutation P on 16 words held as eight word pairs q0...q7 (q_k = words 2k, 2k+1).
    /// Columns run two GB in parallel per pair; the diagonal step regroups the pairs
    /// (as the SSE2 reference does) instead of touching single words.
    @inline(__always)
    private static func permute(
        _ a0: inout Lane, _ a1: inout Lane, _ b0: inout Lane, _ b1: inout Lane,
        _ c0: inout Lane, _ c1: inout Lane, _ d0: inout Lane, _ d1: inout Lane
    ) {
        gb(&a0, &b0, &c0, &d0); gb(&a1, &b1, &c1, &d1)
        // Diagonals: (v0,v1) meets (v5,v6), (v10,v11), (v15,v12); (v2,v3) meets (v7,v4), (v8,v9), (v13,v14).
        var e0 = Lane(b0[1], b1[0]), e1 = Lane(b1[1], b0[0])
        var f0 = Lane(d1[1], d0[0]), f1 = Lane(d0[1], d1[0])
        gb(&a0, &e0, &c1, &f0); gb(&a1, &e1, &c0, &f1)
        b0 = Lane(e1[1], e0[0]); b1 = Lane(e0[1], e1[0])
        d0 = Lane(f0[1], f1[0]); d1 = Lane(f1[1], f0[0])
    }

    /// out = G(x, y), or out ^= G(x, y) when `xorInto` (passes after the first, version 0x13).
    ///
    /// `y` may alias `out` (address generation does that); `scratch` is one private block.
    static func compress(
        _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>,
        scratch r: UnsafeMutablePointer<UInt64>, xorInto: Bool
    ) {
        // Two copies so the mode test is hoisted out of the loops.
        if xorInto {
            compress(UnsafeRawPointer(x), UnsafeRawPointer(y), UnsafeMutableRawPointer(out),
                     UnsafeMutableRawPointer(r), xorInto: true)
        } else {
            compress(UnsafeRawPointer(x), UnsafeRawPointer(y), UnsafeMutableRawPointer(out),
                     UnsafeMutableRawPointer(r), xorInto: false)
        }
    }

    @inline(__always)
    private static func compress(
        _ x: UnsafeRawPointer, _ y: UnsafeRawPointer, _ out: UnsafeMutableRawPointer,
        _ r: UnsafeMutableRawPointer, xorInto: Bool
    ) {
        // Row pass: R = x ^ y goes straight into `out` (the feed-forward term) while the
        // permuted rows go to scratch; the column pass then folds P(R) into `out`. Two
        // sweeps over the block instead of four.
        for row in 0..<8 {
            let base = row &* 128
            @inline(__always) func start(_ k: Int) -> Lane {
                let offset = base &+ k &* 16
                let t = x.load(fromByteOffset: offset, as: Lane.self) ^ y.load(fromByteOffset: offset, as: Lane.self)
                let feedForward = xorInto ? out.load(fromByteOffset: offset, as: Lane.self) ^ t : t
                out.storeBytes(of: feedForward, toByteOffset: offset, as: Lane.self)
                return t
            }
            var q0 = start(0), q1 = start(1), q2 = start(2), q3 = start(3)
            var q4 = start(4), q5 = start(5), q6 = start(6), q7 = start(7)
            permute(&q0, &q1, &q2, &q3, &q4, &q5, &q6, &q7)
            @inline(__always) func park(_ q: Lane, _ k: Int) {
                r.storeBytes(of: q, toByteOffset: base &+ k &* 16, as: Lane.self)
            }
            park(q0, 0); park(q1, 1); park(q2, 2); park(q3, 3)
            park(q4, 4); park(q5, 5); park(q6, 6); park(q7, 7)
        }
        // Column pass: word pairs 16 words (128 bytes) apart.
        for column in 0..<8 {
            let base = column &* 16
            @inline(__always) func load(_ k: Int) -> Lane { r.load(fromByteOffset: base &+ k &* 128, as: Lane.self) }
            var q0 = load(0), q1 = load(1), q2 = load(2), q3 = load(3)
            var q4 = load(4), q5 = load(5), q6 = load(6), q7 = load(7)
            permute(&q0, &q1, &q2, &q3, &q4, &q5, &q6, &q7)
            @inline(__always) func finish(_ q: Lane, _ k: Int) {
                let offset = base &+ k &* 128
                out.storeBytes(of: out.load(fromByteOffset: offset, as: Lane.self) ^ q, toByteOffset: offset, as: Lane.self)
            }
            finish(q0, 0); finish(q1, 1); finish(q2, 2); finish(q3, 3)
            finish(q4, 4); finish(q5, 5); finish(q6, 6); finish(q7, 7)
        }
    }
}
