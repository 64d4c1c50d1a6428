/// Who is calling: what a session records about the device that created it.
///
/// The HTTP edge derives these values (the trusted client IP, the `X-Client` header or a short name
/// parsed from the User-Agent); an embedding service fills them however it likes.
public struct ClientContext: Hashable, Sendable, Codable {
    /// The client's IP address as text, or empty when unknown.
    public var ip: String
    /// The raw User-Agent, truncated by the caller to a sane length.
    public var userAgent: String
    /// A short device name such as `web`, `ios` or "Chrome 131 on macOS".
    public var clientName: String
    /// "City, Region, Country", or as much as is known; empty when unknown.
    public var location: String

    /// Creates a context.
    public init(ip: String = "", userAgent: String = "", clientName: String = "", location: String = "") {
        self.ip = ip
        self.userAgent = userAgent
        self.clientName = clientName
        self.location = location
    }
}
