import AuthCore
import Foundation
import Testing
@testable import AuthGeoIP

/// `MaxMindGeoLocator` against the real GeoLite2 City file of the PyPI package
/// `maxminddb-geolite2` (build of 2018-07-03).
///
/// The expected strings were read from that same file with the `maxminddb` Python reader:
/// `maxminddb.open_database(path).get(ip)` → `city.names.en`, `subdivisions[0].names.en`,
/// `country.names.en`. A newer file may differ; update them together with the package.
@Suite(.enabled(if: TestGeoDatabase.isEnabled))
struct MaxMindGeoLocatorTests {
    static let known: [(ip: String, location: String)] = [
        ("81.2.69.142", "Willesden, England, United Kingdom"), // a MaxMind test address
        ("1.1.1.1", "Research, Victoria, Australia"),
        ("128.101.101.101", "Minneapolis, Minnesota, United States"),
        ("175.16.199.0", "Changchun, Jilin, China"),
        ("8.8.8.8", "United States"), // only the country is known
        ("2001:4860:4860::8888", "Mountain View, California, United States"),
        ("2001:218::1", "Japan"),
        ("89.160.20.112", "Stockholm, Sweden"), // region "Stockholm" equals the city: shown once
        ("::ffff:81.2.69.142", "Willesden, England, United Kingdom"), // IPv4-mapped IPv6
    ]

    static let empty = [
        // private, loopback, link-local, CGNAT, documentation, multicast, broadcast
        "10.1.2.3", "172.16.0.1", "192.168.1.10", "127.0.0.1", "169.254.1.1", "100.64.0.1",
        "192.0.2.1", "224.0.0.1", "255.255.255.255", "0.0.0.0",
        // IPv6 loopback, unspecified, unique-local, link-local, documentation, mapped private
        "::1", "::", "fd12:3456:789a::1", "fc00::1", "fe80::1", "2001:db8::1", "::ffff:10.0.0.1",
        // malformed, not numeric, or decorated
        "", "not an ip", "8.8.8", "8.8.8.256", "08.8.8.8", "8.8.8.8 ", " 8.8.8.8", "8.8.8.8:443",
        "[2001:4860:4860::8888", "fe80::1%eth0", "8.8.8.0/24", "8.8.8.8\u{0}x",
        // host names: must not be resolved (a DNS lookup would find a public address)
        "localhost", "dns.google", "one.one.one.one", "example.com",
    ]

    static func locator() throws -> MaxMindGeoLocator {
        try MaxMindGeoLocator(path: TestGeoDatabase.requirePath())
    }

    @Test(arguments: known)
    func knownPublicAddressesMapToCityRegionCountry(_ entry: (ip: String, location: String)) async throws {
        let geo = try Self.locator()
        #expect(await geo.locate(text: entry.ip) == entry.location)
    }

    @Test(arguments: empty)
    func privateUnknownAndMalformedInputsAreEmpty(_ ip: String) async throws {
        let geo = try Self.locator()
        #expect(await geo.locate(text: ip) == "")
    }

    @Test func opensACityDatabase() throws {
        #expect(try Self.locator().databaseType == "GeoLite2-City")
    }

    @Test func repeatedAddressesAreServedFromTheBoundedCache() throws {
        let geo = try MaxMindGeoLocator(path: TestGeoDatabase.requirePath(), cacheCapacity: 4)
        #expect(geo.location(of: IPAddress("81.2.69.142")!) == "Willesden, England, United Kingdom")
        #expect(geo.location(of: IPAddress("81.2.69.142")!) == "Willesden, England, United Kingdom")
        #expect(geo.location(of: IPAddress("10.0.0.1")!) == "") // private: never reaches the cache
        #expect(geo.cachedCount == 1)
        for last in 1...50 { _ = geo.location(of: IPAddress("81.2.69.\(last)")!) }
        #expect(geo.cachedCount <= 4)
        #expect(geo.location(of: IPAddress("1.1.1.1")!) == "Research, Victoria, Australia")
    }

    @Test func concurrentLookupsAgree() async throws {
        let geo = try Self.locator()
        let answers = await withTaskGroup(of: String.self) { group in
            for index in 0..<200 { group.addTask { await geo.locate(text: Self.known[index % 3].ip) } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(answers) == Set(Self.known.prefix(3).map(\.location)))
    }
}
