import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client socket a test holds open: to send part of a request, or a request on a kept-alive
/// connection, and to see later what the server did with it.
final class RawConnection {
    private var fd: Int32

    /// Connects to `127.0.0.1:port` (the kernel completes the handshake even while the server is
    /// not accepting, so this does not wait for authd).
    /// - Parameter source: the local address to connect from: another loopback address
    ///   (`127.0.0.2`) is another client as far as authd can tell.
    init(port: UInt16, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPClient.ClientError("socket() failed: errno \(errno)") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                Glibc.close(fd)
                throw RawHTTPClient.ClientError("bind(\(source)) failed: errno \(errno)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw RawHTTPClient.ClientError("connect() failed: errno \(errno)")
        }
    }

    /// A `GET` on a kept-alive connection.
    static func get(_ path: String) -> String { "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" }

    /// A credentials sign-in that closes its connection after the answer.
    static func signIn(email: String, password: String) -> String {
        let body = #"{"email":"\#(email)","password":"\#(password)"}"#
        return "POST /api/v1/auth/sign-in/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// Sends `text` as it is.
    /// - Returns: `false` when the server already closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Whether the server has sent something or closed (a read would not block).
    var isReadable: Bool { wait(milliseconds: 0) }

    /// Waits up to `timeout` for the server to send something or close.
    func waitReadable(timeout: Duration) -> Bool { wait(until: ContinuousClock.now + timeout) }

    /// Reads until the server closes the connection, or `timeout` passes.
    /// - Returns: what was read, and whether the connection was closed within the time.
    func readUntilClosed(timeout: Duration) -> (data: Data, closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while wait(until: deadline) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return (data, true) }  // end of file, or reset: closed either way
            data.append(contentsOf: buffer[0..<n])
        }
        return (data, false)
    }

    /// Reads one response (its head, and a body of its `Content-Length`) within `timeout`.
    /// - Throws: when the connection closes first or the time passes.
    func readResponse(timeout: Duration) throws -> RawHTTPClient.Response {
        let deadline = ContinuousClock.now + timeout
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = data.range(of: Data("\r\n\r\n".utf8)) {
                let response = try RawHTTPClient.parse(data)
                let length = Int(response.headers["content-length"] ?? "0") ?? 0
                if data.count - end.upperBound >= length { return response }
            }
            guard wait(until: deadline) else { throw RawHTTPClient.ClientError("no complete response within \(timeout)") }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw RawHTTPClient.ClientError("connection closed before a complete response") }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    private func wait(until deadline: ContinuousClock.Instant) -> Bool {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return wait(milliseconds: 0) }
        return wait(milliseconds: Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000, 60_000)))
    }

    private func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    deinit { Glibc.close(fd) }
}
