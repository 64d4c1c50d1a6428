import AuthCore
import NIOCore

extension IPAddress {
    /// The address of an IP socket peer, read from its bytes; `nil` for a Unix-domain socket.
    ///
    /// An IPv4-mapped IPv6 peer (`::ffff:a.b.c.d`, what a dual-stack socket reports for IPv4
    /// clients) becomes the IPv4 address it is (see ``IPAddress/init(bytes:)``).
    /// Reading the bytes skips NIO's `ipAddress` text, which `inet_ntop` formats through
    /// `sprintf`, only to be parsed back: this runs on every request.
    init?(socketAddress: SocketAddress) {
        switch socketAddress {
        case .v4(let v4):
            self.init(bytes: withUnsafeBytes(of: v4.address.sin_addr) { Array($0) })
        case .v6(let v6):
            self.init(bytes: withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) })
        case .unixDomainSocket:
            return nil
        }
    }
}
