#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket listening on 127.0.0.1 that never accepts nor answers: the kernel completes the
/// handshake, so a client connects and then waits forever for replies (a hung server).
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try Self.bindLoopback()
        guard listen(fd, 16) == 0 else { throw SocketError(what: "listen") }
    }

    deinit { close(fd) }

    struct SocketError: Error { var what: String }

    /// A socket bound to 127.0.0.1 on a port the kernel chose.
    static func bindLoopback() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketError(what: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { close(fd); throw SocketError(what: "bind") }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port that nothing listens on right now (bound, read, released).
    static func freePort() throws -> Int {
        let (fd, port) = try bindLoopback()
        close(fd)
        return port
    }
}
