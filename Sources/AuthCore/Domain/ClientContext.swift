/// Who is calling: what a session records about the device that created it.
///
/// The HTTP edge derives these values (the trusted client IP, the `X-Client` header or a short name
/// parsed from the User-Agent); an embedding service fills them however it likes.
///
/// Flows that count abuse per network (sign-up, sign-in, codes, mail, reauthentication) require
/// it: without the caller's IP every caller shares one budget. Actions on a signed-in session
/// (logout, settings, removals, admin actions) only record it in the audit log and default to an
/// empty context.
public struct ClientContext: Hashable, Sendable, Codable {
    /// The client's IP address, or `nil` when unknown.
    public var ip: IPAddress?
    /// The raw User-Agent, truncated by the caller to a sane length.
    public var userAgent: String
    /// A short device name such as `web`, `ios` or "Chrome 131 on macOS".
    public var clientName: String
    /// "City, Region, Country", or as much as is known; empty when unknown.
    public var location: String

    /// Creates a context.
    public init(ip: IPAddress? = nil, userAgent: String = "", clientName: String = "", location: String = "") {
        self.ip = ip
        self.userAgent = userAgent
        self.clientName = clientName
        self.location = location
    }

    /// The address as stored and shown: its textual form, or empty when unknown.
    public var ipText: String { ip?.description ?? "" }

    private enum CodingKeys: String, CodingKey { case ip, userAgent, clientName, location }

    /// Decodes a context; the address travels as text (empty when unknown), as it always has, so
    /// entries cached by earlier versions still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ip = try c.decodeIfPresent(String.self, forKey: .ip).flatMap { IPAddress($0) }
        userAgent = try c.decodeIfPresent(String.self, forKey: .userAgent) ?? ""
        clientName = try c.decodeIfPresent(String.self, forKey: .clientName) ?? ""
        location = try c.decodeIfPresent(String.self, forKey: .location) ?? ""
    }

    /// Encodes the context, the address as text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ipText, forKey: .ip)
        try c.encode(userAgent, forKey: .userAgent)
        try c.encode(clientName, forKey: .clientName)
        try c.encode(location, forKey: .location)
    }
}
