import Foundation

/// RFC 3339 UTC timestamps with milliseconds, the API's only date format (`2024-05-01T12:00:00.000Z`).
public enum Timestamp {
    /// Formats `date` as RFC 3339 UTC with milliseconds.
    ///
    /// Written by hand (three of these are on every `/me`, where Foundation's format style cost a
    /// measurable share), with Foundation's arithmetic: whole seconds since 2001, then the fraction
    /// truncated to milliseconds. Dates before 1583 (Foundation switches to the Julian calendar)
    /// or after 9999 are left to Foundation.
    public static func format(_ date: Date) -> String {
        guard isWritable(date) else { return date.formatted(style) }
        return String(unsafeUninitializedCapacity: length) { write(date, into: UnsafeMutableRawBufferPointer($0)) }
    }

    /// The length of a ``format(_:)`` timestamp of the years 1583 to 9999.
    package static let length = 24

    /// Whether ``write(_:into:)`` covers `date`: the years 1583 to 9999.
    package static func isWritable(_ date: Date) -> Bool {
        let wholeSeconds = date.timeIntervalSinceReferenceDate.rounded(.down)
        return wholeSeconds >= -13_190_860_800 && wholeSeconds < 252_423_993_600
    }

    /// Writes ``format(_:)``'s bytes at the start of `out`, for a caller that writes a body straight
    /// into memory (`GET /me`) and so has no use for the intermediate string.
    /// - Precondition: ``isWritable(_:)`` holds for `date`, and `out` has at least ``length`` bytes.
    /// - Returns: the bytes written, ``length``.
    @discardableResult
    package static func write(_ date: Date, into out: UnsafeMutableRawBufferPointer) -> Int {
        precondition(isWritable(date) && out.count >= length, "a timestamp of 1583 to 9999, in 24 bytes")
        let sinceReference = date.timeIntervalSinceReferenceDate
        let wholeSeconds = sinceReference.rounded(.down)
        let fraction = min(Int64((sinceReference - wholeSeconds) * 1000), 999)
        let (days, daySeconds) = (Int64(wholeSeconds) + 978_307_200).quotientAndRemainder(dividingBy: 86_400)
        let (dayNumber, seconds) = daySeconds < 0 ? (days - 1, daySeconds + 86_400) : (days, daySeconds)
        let (year, month, day) = civilDate(daysSinceEpoch: dayNumber)
        func put(_ value: Int64, digits: Int, at offset: Int) {
            var v = value
            for i in stride(from: offset + digits - 1, through: offset, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        put(year, digits: 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(month, digits: 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(day, digits: 2, at: 8)
        out[10] = UInt8(ascii: "T")
        put(seconds / 3600, digits: 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(seconds / 60 % 60, digits: 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(seconds % 60, digits: 2, at: 17)
        out[19] = UInt8(ascii: ".")
        put(fraction, digits: 3, at: 20)
        out[23] = UInt8(ascii: "Z")
        return length
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses RFC 3339 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text))
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
