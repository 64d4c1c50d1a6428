import Foundation
import Testing

/// The GeoLite2 City file the integration tests read: `AUTH_TEST_GEOIP_DB`, which `make test`
/// (scripts/test-servers/geoip.sh) sets.
///
/// Without it the integration suites are skipped, unless `AUTH_TEST_REQUIRE_SERVERS=1` says it was
/// expected: then they run and fail.
enum TestGeoDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static let path = environment["AUTH_TEST_GEOIP_DB"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    /// Whether integration suites run: a file is configured, or one is required (and missing
    /// means failure, not a skip).
    static let isEnabled = path != nil || required

    struct Missing: Error, CustomStringConvertible {
        var description: String { "AUTH_TEST_REQUIRE_SERVERS=1 but AUTH_TEST_GEOIP_DB is not set" }
    }

    /// The file's path, or a thrown error failing the test when it is required but missing.
    static func requirePath() throws -> String {
        guard let path else { throw Missing() }
        return path
    }
}
