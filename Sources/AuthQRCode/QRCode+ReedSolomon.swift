// Error correction for QRCode: block structure at level M, Reed–Solomon over GF(256),
// and interleaving into the final codeword sequence (ISO/IEC 18004 §7.5–7.6).

extension QRCode {
    /// Error correction codewords per block at level M, indexed by version (index 0 unused).
    private static let eccCodewordsPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]

    /// Number of error correction blocks at level M, indexed by version (index 0 unused).
    private static let blockCount = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    /// Modules available for codewords (data, error correction and remainder bits).
    static func rawModuleCount(version: Int) -> Int {
        var count = (16 * version + 128) * version + 64  // all modules less finders, timing, format
        if version >= 2 {
            let alignment = version / 7 + 2
            count -= (25 * alignment - 10) * alignment - 55
            if version >= 7 { count -= 36 }  // version information
        }
        return count
    }

    /// Data codewords that `version` holds at level M.
    static func dataCodewordCount(version: Int) -> Int {
        rawModuleCount(version: version) / 8 - eccCodewordsPerBlock[version] * blockCount[version]
    }

    /// Splits `data` into blocks, appends each block's error correction codewords, and
    /// interleaves: data codewords column by column, then error correction codewords likewise.
    static func codewords(for data: [UInt8], version: Int) -> [UInt8] {
        let blocks = blockCount[version]
        let eccLength = eccCodewordsPerBlock[version]
        let total = rawModuleCount(version: version) / 8
        let shortBlocks = blocks - total % blocks  // the rest carry one more data codeword
        let divisor = generatorPolynomial(degree: eccLength)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = data.startIndex
        for block in 0..<blocks {
            let length = total / blocks - eccLength + (block < shortBlocks ? 0 : 1)
            let slice = data[start..<start + length]
            dataBlocks.append(slice)
            eccBlocks.append(remainder(of: slice, dividedBy: divisor))
            start += length
        }
        return interleave(dataBlocks) + interleave(eccBlocks)
    }

    /// Codeword i of every block in turn, for i = 0, 1, …; shorter blocks are skipped once exhausted.
    private static func interleave<Block: Collection<UInt8>>(_ blocks: [Block]) -> [UInt8] {
        let longest = blocks.map(\.count).max() ?? 0
        return (0..<longest).flatMap { i in
            blocks.compactMap { $0.count > i ? $0[$0.index($0.startIndex, offsetBy: i)] : nil }
        }
    }

    /// Coefficients, highest degree first and the leading 1 omitted, of
    /// (x − α⁰)(x − α¹)…(x − α^(degree−1)) with α = 2.
    static func generatorPolynomial(degree: Int) -> [UInt8] {
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1  // the polynomial 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply by (x − root); in GF(2⁸) subtraction is XOR.
            for j in 0..<degree {
                coefficients[j] = multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The error correction codewords: `data` · x^n mod the generator polynomial of degree n.
    static func remainder<Data: Collection<UInt8>>(of data: Data, dividedBy divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }

    /// Product in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1 (0x11D).
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> bit) & 1) * Int(x)
        }
        return UInt8(product)
    }
}
