import AuthCore

extension GeoLocator {
    /// The location of an address given as text; empty when the text is not an address (such
    /// text never reaches a locator in production: the HTTP edge types it first).
    func locate(text: String) async -> String {
        guard let ip = IPAddress(text) else { return "" }
        return await locate(ip)
    }
}
