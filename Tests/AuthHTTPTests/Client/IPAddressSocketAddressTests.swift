@testable import AuthHTTP
import AuthCore
import NIOCore
import Testing

/// The peer's address is read from the socket address's bytes; it must be the address its text
/// would have parsed to, for every family a listener reports.
@Suite("IP address of a socket peer")
struct IPAddressSocketAddressTests {
    @Test(arguments: ["203.0.113.9", "127.0.0.1", "0.0.0.0", "2001:db8::1", "::1", "fe80::1:2:3:4"])
    func sameAsTheParsedText(_ text: String) throws {
        let socket = try SocketAddress(ipAddress: text, port: 443)
        #expect(IPAddress(socketAddress: socket) == IPAddress(text))
    }

    @Test func ipv4MappedPeerIsTheIPv4Address() throws {
        let socket = try SocketAddress(ipAddress: "::ffff:198.51.100.7", port: 443)
        let address = try #require(IPAddress(socketAddress: socket))
        #expect(address == IPAddress("198.51.100.7"))
        #expect(address.isIPv4)
    }

    @Test func unixDomainSocketHasNoAddress() throws {
        #expect(IPAddress(socketAddress: try SocketAddress(unixDomainSocketPath: "/tmp/authd.sock")) == nil)
    }
}
