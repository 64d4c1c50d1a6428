import CHiredis

/// Owns one hiredis `redisReader`, the incremental RESP parser: bytes go in as they arrive, whole
/// replies come out in order. Parsing is pure CPU work (no I/O), fine on an event loop.
///
/// `@unchecked Sendable`: the C handle is not thread-safe. It is guarded by confinement: exactly one
/// ``RedisChannelHandler`` owns it and calls it only from its channel's event loop. Freed in deinit.
final class HiredisReader: @unchecked Sendable {
    private let reader: UnsafeMutablePointer<redisReader>

    /// Creates a reader. hiredis returns `NULL` only when out of memory.
    init() {
        // Out of memory is the only failure, and Swift itself traps on a failed allocation; a
        // throwing init would push an unrecoverable case onto every connection's error path.
        guard let reader = redisReaderCreate() else { fatalError("hiredis: out of memory creating a reader") }
        self.reader = reader
    }

    deinit { redisReaderFree(reader) }

    /// Appends received bytes to the parser's buffer.
    /// - Throws: ``RedisError/protocolError(_:)`` when the reader is already in an error state.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        let status = redisReaderFeed(reader, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count)
        guard status == REDIS_OK else { throw RedisError.protocolError(errorText) }
    }

    /// The next complete reply, or `nil` when more bytes are needed.
    /// - Throws: ``RedisError/protocolError(_:)`` on malformed input; the connection must then close.
    func next() throws -> RedisValue? {
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else { throw RedisError.protocolError(errorText) }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return Self.value(of: raw.assumingMemoryBound(to: redisReply.self))
    }

    private var errorText: String {
        withUnsafeBytes(of: reader.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Copies a reply tree out of hiredis's memory (freed by the caller right after).
    private static func value(of reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let r = reply.pointee
        func text() -> String { String(decoding: bytes(), as: UTF8.self) }
        func bytes() -> [UInt8] {
            guard let str = r.str, r.len > 0 else { return [] }
            return Array(UnsafeRawBufferPointer(start: str, count: r.len))
        }
        switch r.type {
        case REDIS_REPLY_STRING: return .bulkString(bytes())
        case REDIS_REPLY_STATUS: return .status(text())
        case REDIS_REPLY_ERROR: return .error(text())
        case REDIS_REPLY_INTEGER: return .integer(Int(r.integer))
        case REDIS_REPLY_ARRAY:
            guard let elements = r.element else { return .array([]) }
            return .array((0..<r.elements).map { index in
                elements[index].map(value(of:)) ?? .null
            })
        default: return .null
        }
    }
}
