import CHiredis
import NIOCore

/// Encodes a command with hiredis's `redisFormatCommandArgv` (binary-safe argv form).
///
/// `redisCommand` and `redisFormatCommand` are C-variadic and cannot be called from Swift; the argv
/// form takes explicit lengths, so arguments may hold any bytes, including NUL. Encoding is pure
/// CPU work on the caller's task, never on an event loop.
enum RedisCommandEncoder {
    /// The RESP bytes of `arguments` (the command name first).
    /// - Throws: ``RedisError/protocolError(_:)`` when hiredis cannot format it (out of memory).
    static func encode(_ arguments: [[UInt8]], allocator: ByteBufferAllocator = ByteBufferAllocator()) throws -> ByteBuffer {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        // One contiguous copy of every argument; argv points into it.
        let total = arguments.reduce(0) { $0 + $1.count }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
        defer { storage.deallocate() }
        var argv: [UnsafePointer<CChar>?] = []
        var lengths: [Int] = []
        argv.reserveCapacity(arguments.count)
        lengths.reserveCapacity(arguments.count)
        var offset = 0
        for argument in arguments {
            let slot = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + argument.count)])
            slot.copyBytes(from: argument)
            argv.append(UnsafePointer(storage.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)))
            lengths.append(argument.count)
            offset += argument.count
        }
        var target: UnsafeMutablePointer<CChar>?
        let length = argv.withUnsafeMutableBufferPointer { argvBuffer in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                redisFormatCommandArgv(&target, Int32(arguments.count), argvBuffer.baseAddress, lengthBuffer.baseAddress)
            }
        }
        guard length > 0, let target else { throw RedisError.protocolError("cannot format command") }
        defer { redisFreeCommand(target) }
        var buffer = allocator.buffer(capacity: Int(length))
        buffer.writeBytes(UnsafeRawBufferPointer(start: target, count: Int(length)))
        return buffer
    }
}
