import Testing
import AuthCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which texts are addresses (numeric only: never a host name), and which addresses are public
/// (only those reach a geo lookup).
struct IPAddressTests {
    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
        "192.167.255.255", "192.169.0.0", "169.253.255.255", "11.0.0.0", "223.255.255.255",
        "2001:4860:4860::8888", "2a00:1450::1", "2001:db9::1", "fbff::1", "2600::1",
        "::ffff:8.8.8.8",
    ])
    func publicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isPublic)
    }

    @Test(arguments: [
        "0.1.2.3", "10.0.0.0", "10.255.255.255", "100.64.0.0", "100.127.255.255", "127.0.0.1",
        "127.255.255.254", "169.254.169.254", "172.16.0.0", "172.31.255.255", "192.0.0.8",
        "192.0.2.255", "192.168.0.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
        "224.0.0.251", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "100::1", "2001:db8::1", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1",
        "fec0::1", "ff02::1", "::ffff:192.168.1.1", "::ffff:127.0.0.1",
    ])
    func nonPublicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(!address.isPublic)
    }

    @Test(arguments: [
        "", "localhost", "dns.google", "8.8.8", "8.8.8.8.8", "256.0.0.1", "08.8.8.8", "0x8.8.8.8",
        " 8.8.8.8", "8.8.8.8\n", "8.8.8.8:53", "8.8.8.8/32", "[::1", "fe80::1%eth0", "::1::2",
        "2001:4860:4860:0:0:0:0:8888:1", "8.8.8.8\u{0}", String(repeating: "1", count: 100),
    ])
    func nonNumericInputIsRejected(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func mappedIPv6IsTheSameAddressAsIPv4() throws {
        let mapped = try #require(IPAddress("::ffff:81.2.69.142"))
        #expect(mapped == IPAddress("81.2.69.142"))
        #expect(mapped.isIPv4)
        #expect(IPAddress("2001:4860:4860::8888") == IPAddress("2001:4860:4860:0:0:0:0:8888"))
        // From bytes too (a socket's peer, a cached entry): one client whatever the form.
        let mappedBytes: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 81, 2, 69, 142]
        #expect(IPAddress(bytes: mappedBytes) == IPAddress("81.2.69.142"))
        #expect(IPAddress(bytes: Array(repeating: 0, count: 15) + [1]) == IPAddress("::1"))
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    /// The hand-written IPv4 text agrees with the C library's, digit for digit, for every value a
    /// byte can take in every position.
    @Test func ipv4TextMatchesInetNtop() throws {
        for value in 0...255 {
            for position in 0..<4 {
                var bytes: [UInt8] = [203, 0, 113, 9]
                bytes[position] = UInt8(value)
                let address = try #require(IPAddress(bytes: bytes))
                #expect(address.description == Self.inetNtop(bytes))
                #expect(IPAddress(address.description) == address)
            }
        }
    }

    private static func inetNtop(_ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        _ = bytes.withUnsafeBytes { inet_ntop(AF_INET, $0.baseAddress, &text, socklen_t(text.count)) }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
