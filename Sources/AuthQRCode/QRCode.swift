/// A QR code (ISO/IEC 18004) in byte mode, error correction level M, the smallest version that fits.
///
/// Meant for short payloads such as `otpauth://` URIs: the data is one 8-bit byte
/// segment, protected by Reed–Solomon codes at level M (about 15 % of the symbol
/// recoverable), masked with whichever of the eight standard masks scores the
/// lowest penalty.
///
/// ```swift
/// let code = try QRCode(text: "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP")
/// let svg = code.svg()
/// ```
public struct QRCode: Sendable {
    /// Errors thrown while encoding.
    public enum Error: Swift.Error, Equatable, Sendable {
        /// The data does not fit version 40 at level M (2331 bytes at most).
        case tooLong
    }

    /// Modules per side, `17 + 4 × version`, without the quiet zone.
    public let size: Int
    /// The symbol version, 1…40.
    let version: Int
    /// The data mask pattern applied, 0…7.
    let mask: Int
    /// Module colours in row-major order; `true` is dark.
    private let modules: [Bool]

    /// Whether the module at column `x`, row `y` is dark.
    ///
    /// Coordinates outside `0..<size` are reported light, as in the quiet zone.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Encodes `bytes`.
    /// - Throws: `QRCode.Error.tooLong` when the data does not fit version 40 at level M.
    public init(bytes: [UInt8]) throws {
        try self.init(bytes: bytes, mask: nil)
    }

    /// Encodes the UTF-8 bytes of `text`.
    /// - Throws: `QRCode.Error.tooLong` when the data does not fit version 40 at level M.
    public init(text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    /// Encodes `bytes` with the given mask pattern (0…7), or the lowest-penalty one when `nil`.
    init(bytes: [UInt8], mask forcedMask: Int?) throws {
        precondition(forcedMask.map { (0..<8).contains($0) } ?? true, "mask must be 0...7")
        let fits = { (version: Int) in
            4 + Self.countIndicatorLength(version: version) + 8 * bytes.count
                <= 8 * Self.dataCodewordCount(version: version)
        }
        guard let version = (1...40).first(where: fits) else { throw Error.tooLong }

        var grid = Grid(version: version)
        grid.place(Self.codewords(for: Self.dataCodewords(bytes, version: version), version: version))
        let mask = forcedMask ?? Self.lowestPenaltyMask(grid)
        var symbol = grid.masked(mask)
        symbol.drawFormatInformation(Self.formatInformation(mask: mask), darkModule: true)
        if version >= 7 {
            symbol.drawVersionInformation(Self.versionInformation(version: version))
        }
        self.size = symbol.size
        self.version = version
        self.mask = mask
        self.modules = symbol.dark
    }
}

// MARK: - Data encoding

extension QRCode {
    /// Bits of the byte-mode character count indicator.
    static func countIndicatorLength(version: Int) -> Int {
        version < 10 ? 8 : 16
    }

    /// Mode indicator, count, data, terminator and pad codewords, filling `version` at level M.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let capacity = dataCodewordCount(version: version)
        var writer = BitWriter()
        writer.append(0b0100, length: 4)
        writer.append(bytes.count, length: countIndicatorLength(version: version))
        for byte in bytes { writer.append(Int(byte), length: 8) }
        writer.append(0, length: min(4, 8 * capacity - writer.count))  // terminator
        var result = writer.bytes  // the last partial byte is already zero-padded
        var pad: UInt8 = 0xEC
        while result.count < capacity {
            result.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return result
    }

    /// The 15-bit format information for level M and `mask`, BCH(15,5) protected and XOR-masked.
    static func formatInformation(mask: Int) -> Int {
        let data = 0b00 << 3 | mask  // level M is 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18-bit version information, Golay(18,6) protected; used from version 7.
    static func versionInformation(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    /// The centre coordinates of alignment patterns along each axis.
    static func alignmentPatternPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        let last = version * 4 + 10
        return [6] + (0..<count - 1).reversed().map { last - $0 * step }
    }

    /// The mask whose symbol scores the lowest penalty; ties go to the lower number.
    private static func lowestPenaltyMask(_ grid: Grid) -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            let penalty = grid.masked(mask).penalty()
            if penalty < best.penalty { best = (mask, penalty) }
        }
        return best.mask
    }
}

/// Appends big-endian bit fields to a byte array.
private struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[bytes.count - 1] |= 0x80 >> (count % 8) }
            count += 1
        }
    }
}
