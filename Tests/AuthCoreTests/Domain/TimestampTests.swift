@testable import AuthCore
import Foundation
import Testing

/// The hand-written RFC 3339 formatter writes exactly what Foundation's ISO 8601 style writes.
@Suite struct TimestampTests {
    static let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    @Test(arguments: [
        0.0, -0.001, -1, 0.0005, 0.9999, 59.999, 951_782_400,  // 2000-02-29 (a leap day of a century year)
        4_107_542_399.999, -2_208_988_800, -62_135_596_800, 253_402_300_799.999, 1_767_225_600.123_456,
    ])
    func matchesFoundationAtTheEdges(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Timestamp.format(date) == date.formatted(Self.foundation))
    }

    @Test func matchesFoundationForManyDatesAcrossCenturies() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // 1800 to 2300, with sub-millisecond parts.
            let date = Date(timeIntervalSince1970: Double.random(in: -5_364_662_400...10_413_792_000, using: &random))
            #expect(Timestamp.format(date) == date.formatted(Self.foundation), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func roundTripsThroughParse() {
        let date = Date(timeIntervalSince1970: 1_767_225_600.25)
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_767_225_600.25)) == "2026-01-01T00:00:00.250Z")
    }
}
