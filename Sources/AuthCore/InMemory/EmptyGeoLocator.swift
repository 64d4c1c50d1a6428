/// A ``GeoLocator`` that knows no locations: every answer is "".
///
/// What `authd` uses when `GEOIP_DB` is unset, and what tests use when locations do not matter.
/// It lives in AuthCore (not AuthGeoIP) so that choosing "no geo-location" never links
/// libmaxminddb.
public struct EmptyGeoLocator: GeoLocator {
    /// Creates the locator.
    public init() {}

    /// Always "".
    public func locate(_ ip: IPAddress) async -> String { "" }
}
