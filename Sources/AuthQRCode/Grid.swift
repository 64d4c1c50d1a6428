/// A symbol under construction: module colours plus which modules belong to function patterns.
///
/// The format information area (with the dark module) and the version information area start
/// out reserved and light, and are written only after masking, so masks are scored without them.
/// This matches segno; encoders differ here, and any mask yields a valid, decodable symbol.
struct Grid {
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
