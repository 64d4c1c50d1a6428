import Foundation
import Testing
@testable import AuthQRCode

@Suite("QRCode")
struct QRCodeTests {
    static let exampleURI =
        "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30"

    /// "otpauth://totp" (14 bytes, exactly filling version 1-M) as encoded by segno 1.6.6:
    /// `segno.make_qr(b"otpauth://totp", error="m", mode="byte", boost_error=False)` → mask 4.
    static let version1Rows = [
        "#######.#..##.#######",
        "#.....#...#.#.#.....#",
        "#.###.#....##.#.###.#",
        "#.###.#.##....#.###.#",
        "#.###.#.#...#.#.###.#",
        "#.....#.###.#.#.....#",
        "#######.#.#.#.#######",
        "........####.........",
        "#...#.####..######..#",
        "##..#..##..#.#.####..",
        "#.#...##..#...####.#.",
        "####.#..#.##...##..##",
        "#..#.##.#.####..##...",
        "........#..#....#.##.",
        "#######.##...##.##.#.",
        "#.....#...#.#..##...#",
        "#.###.#.#..#.#.#.....",
        "#.###.#..#.....##.###",
        "#.###.#...#..##.#....",
        "#.....#..#.#.#..#....",
        "#######.##.##..#.#..#",
    ]

    static func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "#" : "." }) }
    }

    @Test func matchesSegnoAtVersion1() throws {
        let code = try QRCode(text: "otpauth://totp")
        #expect(code.size == 21)
        #expect(code.mask == 4)
        #expect(Self.rows(code) == Self.version1Rows)
    }

    @Test(arguments: [(1, 21), (14, 21), (15, 25), (26, 25), (27, 29), (113, 45), (2331, 177)])
    func sizeForLength(length: Int, size: Int) throws {
        #expect(try QRCode(bytes: Array(repeating: 0x61, count: length)).size == size)
    }

    @Test func exampleURIChoosesVersion7Mask4() throws {
        // Version and mask agree with segno (with its byte-alignment padding fix, heuer/segno#148).
        let code = try QRCode(text: Self.exampleURI)
        #expect(code.version == 7)
        #expect(code.mask == 4)
    }

    @Test func textIsEncodedAsUTF8() throws {
        let text = "Ünïcödé ✓ 🙂"
        #expect(Self.rows(try QRCode(text: text)) == Self.rows(try QRCode(bytes: Array(text.utf8))))
    }

    @Test func tooLong() throws {
        #expect(throws: QRCode.Error.tooLong) { try QRCode(bytes: Array(repeating: 0, count: 2332)) }
        #expect(throws: QRCode.Error.tooLong) { try QRCode(text: String(repeating: "é", count: 1166)) }
    }

    @Test func reedSolomonMatchesISOExample() {
        // ISO/IEC 18004 Annex I: "01234567" in version 1-M.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                             0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = QRCode.remainder(of: data, dividedBy: QRCode.generatorPolynomial(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test(arguments: 0..<8)
    func formatInformationIsValid(mask: Int) throws {
        let code = try QRCode(bytes: Array(Self.exampleURI.utf8), mask: mask)
        let n = code.size
        // Format bits 0...14 in their two copies (ISO/IEC 18004 Figure 25).
        let firstCopy = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8),
                         (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        let secondCopy = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
        let read = { (cells: [(Int, Int)]) in
            cells.enumerated().reduce(0) { $0 | (code.isDark(x: $1.element.0, y: $1.element.1) ? 1 << $1.offset : 0) }
        }
        let bits = read(firstCopy)
        #expect(read(secondCopy) == bits)

        let unmasked = bits ^ 0x5412
        #expect(unmasked >> 13 == 0b00)  // level M
        #expect((unmasked >> 10) & 0b111 == mask)
        var remainder = unmasked  // a BCH(15,5) codeword is divisible by the generator 0x537
        for shift in stride(from: 4, through: 0, by: -1) where remainder & (1 << (shift + 10)) != 0 {
            remainder ^= 0x537 << shift
        }
        #expect(remainder == 0)
        #expect(code.isDark(x: 8, y: n - 8))  // the dark module
    }

    @Test func versionInformationMatchesISOTable() throws {
        #expect(QRCode.versionInformation(version: 7) == 0x07C94)
        #expect(QRCode.versionInformation(version: 8) == 0x085BC)
        #expect(QRCode.versionInformation(version: 40) == 0x28C69)

        let code = try QRCode(text: Self.exampleURI)  // version 7
        let bits = (0..<18).reduce(0) { $0 | (code.isDark(x: code.size - 11 + $1 % 3, y: $1 / 3) ? 1 << $1 : 0) }
        #expect(bits == 0x07C94)
    }

    @Test func outsideTheSymbolIsLight() throws {
        let code = try QRCode(text: "x")
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
    }

    @Test func svgIsStandaloneAndDrawsEveryDarkModule() throws {
        let code = try QRCode(text: "otpauth://totp")
        let svg = code.svg(moduleSize: 5)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("width=\"145\" height=\"145\" viewBox=\"0 0 29 29\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.components(separatedBy: "<path").count == 2)
        for forbidden in ["<script", "href", "url(", "<image", "<foreignObject", "onload"] {
            #expect(!svg.contains(forbidden))
        }

        // Each run is "M{x},{y}h{w}v1h-{w}z" in module units offset by the 4-module quiet zone.
        let pathData = svg.components(separatedBy: " d=\"")[1].prefix { $0 != "\"" }
        var drawn = Set<[Int]>()
        for run in pathData.split(separator: "z") {
            let numbers = run.dropFirst().split(whereSeparator: { ",hv".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[3] == 1 && numbers[4] == -numbers[2])
            for x in numbers[0]..<numbers[0] + numbers[2] { drawn.insert([x - 4, numbers[1] - 4]) }
        }
        let dark = (0..<code.size).flatMap { y in (0..<code.size).filter { code.isDark(x: $0, y: y) }.map { [$0, y] } }
        #expect(drawn == Set(dark))
    }
}
