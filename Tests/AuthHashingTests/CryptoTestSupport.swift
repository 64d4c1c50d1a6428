extension Array where Element == UInt8 {
    /// Lowercase hex, for comparing digests with published test vectors.
    /// (Deliberately specific name: this file may share a test module with other helpers.)
    var lowercaseHex: String {
        map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
