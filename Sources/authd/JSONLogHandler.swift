import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per line on stderr, for log shippers.
///
/// Each line has `ts` (RFC 3339 UTC with milliseconds), `level`, `logger`, `message` and every
/// metadata value as a member (nested values as text), so the `request_id` that
/// ``RequestIDMiddleware`` puts in a request's logger is on every line that request writes.
/// Each line is written with one `write(2)`, so lines from concurrent tasks do not interleave.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = event.mergedMetadata(handler: metadata, provider: metadataProvider)
        FileHandle.standardError.write(Self.line(
            date: Date(), level: event.level, label: label, message: event.message.description, metadata: merged,
            source: event.source))
    }

    /// The encoded line, newline included.
    static func line(
        date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, source: String
    ) -> Data {
        var object: [String: Any] = [:]
        for (key, value) in metadata { object[key] = Self.json(value) }
        // The fixed members win over metadata of the same name.
        object["ts"] = date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        object["level"] = level.rawValue
        object["logger"] = label
        object["message"] = message
        object["source"] = source
        var data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let values): values.map(json)
        case .dictionary(let d): d.mapValues(json)
        }
    }
}
