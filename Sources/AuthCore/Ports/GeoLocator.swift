/// Turns an IP address into "City, Region, Country" (or as much as is known).
public protocol GeoLocator: Sendable {
    /// The location of `ip`; empty for private and unknown addresses. Never throws: a missing
    /// location must not fail a sign-in.
    func locate(_ ip: IPAddress) async -> String
}
