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

    /// A standalone SVG document: the viewBox is in modules and includes a 4-module
    /// quiet zone on a white background; the dark modules form one black `<path>`.
    /// No scripts, no external references, `shape-rendering="crispEdges"`.
    /// - Parameter moduleSize: Rendered width and height in pixels of one module (at least 1).
    public func svg(moduleSize: Int = 4) -> String {
        let quietZone = 4
        let side = size + 2 * quietZone
        let pixels = side * max(1, moduleSize)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quietZone),\(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>

            """
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

// MARK: - Module grid

/// A symbol under construction: module colours plus which modules belong to function patterns.
///
/// The format information area (with the dark module) and the version information area start
/// out reserved and light, and are written only after masking, so masks are scored without them.
/// This matches segno; encoders differ here, and any mask yields a valid, decodable symbol.
private struct Grid {
    let size: Int
    private(set) var dark: [Bool]
    private var isFunction: [Bool]

    init(version: Int) {
        size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        isFunction = dark
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            drawSquare(centerX: x, centerY: y, radius: 4) { $0 != 2 && $0 != 4 }  // finder + separator
        }
        let positions = QRCode.alignmentPatternPositions(version: version)
        for x in positions {
            for y in positions where !isFunction[y * size + x] {  // not over a finder
                drawSquare(centerX: x, centerY: y, radius: 2) { $0 != 1 }
            }
        }
        for i in 8..<size - 8 {  // timing patterns, between the separators; they agree with alignment patterns
            setFunction(x: 6, y: i, dark: i % 2 == 0)
            setFunction(x: i, y: 6, dark: i % 2 == 0)
        }
        drawFormatInformation(0, darkModule: false)
        if version >= 7 { drawVersionInformation(0) }
    }

    private mutating func setFunction(x: Int, y: Int, dark isDark: Bool) {
        dark[y * size + x] = isDark
        isFunction[y * size + x] = true
    }

    /// Draws concentric rings; `isDarkRing` receives each ring's Chebyshev distance from the centre.
    private mutating func drawSquare(centerX: Int, centerY: Int, radius: Int, isDarkRing: (Int) -> Bool) {
        for dy in -radius...radius {
            for dx in -radius...radius {
                let x = centerX + dx, y = centerY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                setFunction(x: x, y: y, dark: isDarkRing(max(abs(dx), abs(dy))))
            }
        }
    }

    /// Writes both copies of the 15-bit format information, and the dark module beside the lower one.
    mutating func drawFormatInformation(_ bits: Int, darkModule: Bool) {
        let bit = { (i: Int) in (bits >> i) & 1 == 1 }
        for i in 0..<6 { setFunction(x: 8, y: i, dark: bit(i)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for i in 9..<15 { setFunction(x: 14 - i, y: 8, dark: bit(i)) }
        for i in 0..<8 { setFunction(x: size - 1 - i, y: 8, dark: bit(i)) }
        for i in 8..<15 { setFunction(x: 8, y: size - 15 + i, dark: bit(i)) }
        setFunction(x: 8, y: size - 8, dark: darkModule)
    }

    /// Writes both 6×3 copies of the 18-bit version information.
    mutating func drawVersionInformation(_ bits: Int) {
        for i in 0..<18 {
            let isDark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            setFunction(x: a, y: b, dark: isDark)
            setFunction(x: b, y: a, dark: isDark)
        }
    }

    /// Places codeword bits, most significant first, in the two-module-wide zigzag
    /// from the bottom-right corner; remainder bits stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bit = 0
        for pairStart in stride(from: size - 1, through: 2, by: -2) {
            let right = pairStart <= 6 ? pairStart - 1 : pairStart  // skip the vertical timing pattern
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] && bit < 8 * codewords.count {
                    dark[y * size + x] = (codewords[bit / 8] >> (7 - bit % 8)) & 1 == 1
                    bit += 1
                }
            }
        }
    }

    /// A copy with data mask pattern `mask` (0…7) applied to every non-function module.
    func masked(_ mask: Int) -> Grid {
        var copy = self
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let flip = switch mask {
                case 0: (x + y) % 2 == 0
                case 1: y % 2 == 0
                case 2: x % 3 == 0
                case 3: (x + y) % 3 == 0
                case 4: (x / 3 + y / 2) % 2 == 0
                case 5: x * y % 2 + x * y % 3 == 0
                case 6: (x * y % 2 + x * y % 3) % 2 == 0
                default: ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if flip { copy.dark[y * size + x].toggle() }
            }
        }
        return copy
    }

    /// The mask evaluation score: N1 runs, N2 2×2 blocks, N3 finder-like patterns, N4 dark balance.
    func penalty() -> Int {
        var score = 0
        for i in 0..<size {
            score += Self.linePenalty((0..<size).map { dark[i * size + $0] })  // row i
            score += Self.linePenalty((0..<size).map { dark[$0 * size + i] })  // column i
        }
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = dark[y * size + x]
                if dark[y * size + x + 1] == colour, dark[(y + 1) * size + x] == colour,
                   dark[(y + 1) * size + x + 1] == colour {
                    score += 3  // N2
                }
            }
        }
        let total = size * size
        let darkCount = dark.reduce(0) { $0 + ($1 ? 1 : 0) }
        return score + 10 * (abs(20 * darkCount - 10 * total) / total)  // N4: 10 per full 5 % off 50 %
    }

    /// N1 (3 + n − 5 per run of n ≥ 5 same-coloured modules) and N3 (40 per occurrence, overlapping
    /// ones included, of dark-light-dark³-light-dark with 4 light modules on at least one side;
    /// the outside of the symbol counts as light).
    private static func linePenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runStart = 0
        for i in 1...line.count where i == line.count || line[i] != line[runStart] {
            if i - runStart >= 5 { score += i - runStart - 2 }
            runStart = i
        }
        let finderLike = [true, false, true, true, true, false, true]
        for i in 0...(line.count - 7) where line[i..<i + 7].elementsEqual(finderLike) {
            let lightBefore = !line[max(0, i - 4)..<i].contains(true)
            let lightAfter = !line[(i + 7)..<min(line.count, i + 11)].contains(true)
            if lightBefore || lightAfter { score += 40 }
        }
        return score
    }
}
