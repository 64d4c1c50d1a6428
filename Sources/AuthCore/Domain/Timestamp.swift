import Foundation

/// RFC 3339 UTC timestamps with milliseconds, the API's only date format (`2024-05-01T12:00:00.000Z`).
public enum Timestamp {
    /// Formats `date` as RFC 3339 UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        date.formatted(style)
    }

    /// Parses RFC 3339 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? style.parse(text)) ?? (try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text))
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
