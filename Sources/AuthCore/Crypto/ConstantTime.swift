/// Comparisons whose running time does not depend on secret contents.
package enum ConstantTime {
    /// Returns whether `a` and `b` are byte-for-byte equal.
    ///
    /// Every byte of the common prefix is always inspected and differences are OR-ed
    /// together instead of branching, so timing reveals only the lengths (which are not
    /// secret for password tags), never the position of the first mismatch.
    package static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // A length mismatch is folded into the accumulator rather than returned early,
        // so the loop below runs the same way whether or not the lengths agree.
        var difference = UInt(bitPattern: a.count ^ b.count)
        let count = min(a.count, b.count)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var bits: UInt8 = 0
                for i in 0..<count { bits |= a[i] ^ b[i] }
                difference |= UInt(bits)
            }
        }
        return difference == 0
    }
}
