import AuthCore
import AuthHTTP
import Testing

@Suite("client IP and trusted proxies")
struct ClientIPResolverTests {
    static func networks(_ text: String) throws -> [IPNetwork] { try IPNetwork.parseList(text).get() }

    @Test func cidrBlocksParseAndMatch() throws {
        let v4 = try #require(IPNetwork("10.0.0.0/8"))
        #expect(v4.contains(IPAddress("10.255.1.2")!))
        #expect(!v4.contains(IPAddress("11.0.0.1")!))
        #expect(!v4.contains(IPAddress("::1")!))
        let v6 = try #require(IPNetwork("2001:db8::/32"))
        #expect(v6.contains(IPAddress("2001:db8:ffff::1")!))
        #expect(!v6.contains(IPAddress("2001:db9::1")!))
        #expect(IPNetwork("192.168.1.7")?.prefixLength == 32)
        #expect(IPNetwork("172.16.0.0/12")?.contains(IPAddress("172.31.255.255")!) == true)
        #expect(IPNetwork("172.16.0.0/12")?.contains(IPAddress("172.32.0.0")!) == false)
        #expect(IPNetwork("0.0.0.0/0")?.contains(IPAddress("8.8.8.8")!) == true)
        for bad in ["10.0.0.0/33", "10.0.0/8", "::1/129", "fe80::1/x", "", "10.0.0.0/8/8", "example.com"] {
            #expect(IPNetwork(bad) == nil, "\(bad)")
        }
        #expect(try Self.networks(" 10.0.0.0/8 , ::1 ").count == 2)
        #expect(throws: IPNetwork.InvalidNetwork.self) { try IPNetwork.parseList("10.0.0.0/8,nope").get() }
    }

    @Test func ipv4MappedAddressesAreIPv4() {
        #expect(IPAddress("::ffff:203.0.113.9")?.description == "203.0.113.9")
        #expect(IPAddress("[2001:db8::1]")?.description == "2001:db8::1")
    }

    @Test func forwardedForIsIgnoredUnlessThePeerIsTrusted() throws {
        let none = ClientIPResolver(trustedProxies: [])
        #expect(none.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"])?.description == "203.0.113.9")
        let trusted = ClientIPResolver(trustedProxies: try Self.networks("10.0.0.0/8"))
        #expect(trusted.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"])?.description == "203.0.113.9")
        #expect(trusted.resolve(peer: "10.1.1.1", forwardedFor: ["198.51.100.1"])?.description == "198.51.100.1")
    }

    @Test func headersAreReadOnlyForATrustedPeer() throws {
        var reads = 0
        func forwardedFor() -> [String] {
            reads += 1
            return ["198.51.100.1"]
        }
        let trusted = ClientIPResolver(trustedProxies: try Self.networks("10.0.0.0/8"))
        #expect(trusted.resolve(peerAddress: IPAddress("203.0.113.9"), forwardedFor: forwardedFor()) == IPAddress("203.0.113.9"))
        #expect(ClientIPResolver(trustedProxies: []).resolve(peerAddress: IPAddress("10.1.1.1"), forwardedFor: forwardedFor()) == IPAddress("10.1.1.1"))
        #expect(reads == 0)
        #expect(trusted.resolve(peerAddress: IPAddress("10.1.1.1"), forwardedFor: forwardedFor()) == IPAddress("198.51.100.1"))
        #expect(reads == 1)
    }

    @Test func forwardedForIsReadFromTheRightSkippingTrustedHops() throws {
        let resolver = ClientIPResolver(trustedProxies: try Self.networks("10.0.0.0/8,2001:db8::/32"))
        // A client can prepend anything; only the hop our proxy appended counts.
        #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.7, 10.0.0.5"])?.description == "198.51.100.7")
        #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6", "198.51.100.7"])?.description == "198.51.100.7")
        #expect(resolver.resolve(peer: "2001:db8::2", forwardedFor: ["2001:db8::9, 10.0.0.1"])?.description == "2001:db8::9")
        #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: ["not-an-ip, 198.51.100.7"])?.description == "10.0.0.2")
        #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: [])?.description == "10.0.0.2")
        #expect(resolver.resolve(peer: nil, forwardedFor: ["198.51.100.7"]) == nil)
    }

    @Test func rfc7239ForwardedIsReadByTheSameTrustedProxyRule() throws {
        let none = ClientIPResolver(trustedProxies: [])
        #expect(none.resolve(peer: "203.0.113.9", forwardedFor: [], forwarded: ["for=198.51.100.1"])?.description == "203.0.113.9")
        let resolver = ClientIPResolver(trustedProxies: try Self.networks("10.0.0.0/8,2001:db8::/32"))
        // Untrusted peer: the header is not read.
        #expect(resolver.resolve(peer: "203.0.113.9", forwardedFor: [], forwarded: ["for=198.51.100.1"])?.description == "203.0.113.9")
        // From the right, skipping trusted hops; quotes, brackets, ports and other parameters go.
        #expect(resolver.resolve(
            peer: "10.0.0.2", forwardedFor: [],
            forwarded: ["for=6.6.6.6, for=\"198.51.100.7:4711\";proto=https;by=10.0.0.2", "For=10.0.0.5"])?.description == "198.51.100.7")
        #expect(resolver.resolve(
            peer: "10.0.0.2", forwardedFor: [], forwarded: ["for=\"[2001:db8:cafe::17]:4711\""])?.description == "2001:db8:cafe::17")
        #expect(resolver.resolve(
            peer: "10.0.0.2", forwardedFor: [], forwarded: ["for=\"[2600:1::9]\", for=10.0.0.7"])?.description == "2600:1::9")
        // Forwarded wins over X-Forwarded-For when both are sent.
        #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: ["6.6.6.6"], forwarded: ["for=198.51.100.7"])?.description == "198.51.100.7")
        // Unknown or obfuscated nodes, elements without for=, and broken syntax: the socket address.
        for bad in ["for=unknown", "for=_hidden", "proto=https", "for=\"[2001:db8::1\"", "for=2001:db8::1", "for", "for=\"1.2.3.4"] {
            #expect(resolver.resolve(peer: "10.0.0.2", forwardedFor: [], forwarded: [bad])?.description == "10.0.0.2", "\(bad)")
        }
    }
}
