@testable import AuthCacheRedis
import NIOCore
import Testing

/// The hiredis-backed encoder and reply reader, without a server.
@Suite struct HiredisCodecTests {
    @Test func encodesBinarySafeArgv() throws {
        let bytes = try RedisCommandEncoder.encode([Array("SET".utf8), Array("k".utf8), [0, 13, 10, 255]])
        #expect(Array(bytes.readableBytesView) == Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\n".utf8) + [0, 13, 10, 255] + Array("\r\n".utf8))
    }

    @Test func encodesEmptyArguments() throws {
        let bytes = try RedisCommandEncoder.encode([Array("ECHO".utf8), []])
        #expect(String(buffer: bytes) == "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n")
    }

    @Test func parsesEveryReplyKindFedOneByteAtATime() throws {
        let wire = Array("+OK\r\n-ERR bad\r\n:42\r\n$3\r\na\0b\r\n$-1\r\n*2\r\n*1\r\n:1\r\n$0\r\n\r\n*-1\r\n".utf8)
        let reader = HiredisReader()
        var replies: [RedisValue] = []
        for byte in wire {
            try [byte].withUnsafeBytes { try reader.feed($0) }
            while let reply = try reader.next() { replies.append(reply) }
        }
        #expect(replies == [
            .status("OK"), .error("ERR bad"), .integer(42), .bulkString([97, 0, 98]), .null,
            .array([.array([.integer(1)]), .bulkString([])]), .null,
        ])
    }

    @Test func incompleteInputWaitsForMore() throws {
        let reader = HiredisReader()
        try Array("$5\r\nhel".utf8).withUnsafeBytes { try reader.feed($0) }
        #expect(try reader.next() == nil)
        try Array("lo\r\n".utf8).withUnsafeBytes { try reader.feed($0) }
        #expect(try reader.next() == .bulkString(Array("hello".utf8)))
    }

    @Test func garbageIsAProtocolError() throws {
        let reader = HiredisReader()
        try Array("?what\r\n".utf8).withUnsafeBytes { try reader.feed($0) }
        #expect(throws: RedisError.self) { try reader.next() }
    }
}
