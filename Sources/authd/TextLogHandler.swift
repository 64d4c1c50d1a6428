import Foundation
import Logging

/// `LOG_FORMAT=text` (the default): swift-log's stream format on stderr,
/// `2026-12-01T03:12:26+0000 info authd.http: request_id=… [AuthHTTP] message`.
///
/// It writes what `StreamLogHandler` writes, but renders metadata when a line is logged rather
/// than each time metadata is set. `StreamLogHandler` re-renders (sorts and joins) all of its
/// metadata on every set, and every request sets its `request_id` (and Hummingbird its own id) on
/// a logger of its own, whether or not anything is then logged at the configured level. Each line
/// is written with one `write(2)`, so lines from concurrent tasks do not interleave.
struct TextLogHandler: LogHandler {
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
        let line = Self.line(
            timestamp: Self.timestamp(), level: event.level, label: label, message: event.message.description,
            metadata: merged, source: event.source)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The rendered line, newline included.
    static func line(
        timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, source: String
    ) -> String {
        let pretty = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(timestamp) \(level)\(label.isEmpty ? "" : " ")\(label):\(pretty.isEmpty ? "" : " \(pretty)") [\(source)] \(message)\n"
    }

    /// Local time to the second with its UTC offset, as `StreamLogHandler` writes it.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
