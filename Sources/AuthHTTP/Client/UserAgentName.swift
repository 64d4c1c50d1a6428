/// A short, human name for a User-Agent: "Chrome 131 on macOS", "Safari on iOS", or the (truncated)
/// agent itself when it is no browser we know.
enum UserAgentName {
    /// The longest short name produced.
    static let maximumLength = 64

    static func shortName(_ userAgent: String) -> String {
        let ua = userAgent
        guard !ua.isEmpty else { return "" }
        let os = operatingSystem(ua)
        if let browser = browser(ua) {
            return os.map { "\(browser) on \($0)" } ?? browser
        }
        return String(ua.prefix(maximumLength))
    }

    private static func browser(_ ua: String) -> String? {
        // Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
        if let v = major(after: "Edg/", in: ua) ?? major(after: "EdgiOS/", in: ua) ?? major(after: "EdgA/", in: ua) { return "Edge \(v)" }
        if let v = major(after: "OPR/", in: ua) { return "Opera \(v)" }
        if let v = major(after: "Firefox/", in: ua) ?? major(after: "FxiOS/", in: ua) { return "Firefox \(v)" }
        if let v = major(after: "CriOS/", in: ua) ?? major(after: "Chrome/", in: ua) { return "Chrome \(v)" }
        if ua.contains("Safari/") && ua.contains("Version/") { return "Safari" }
        return nil
    }

    private static func operatingSystem(_ ua: String) -> String? {
        if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") { return "iOS" }
        if ua.contains("Android") { return "Android" }
        if ua.contains("CrOS") { return "ChromeOS" }
        if ua.contains("Mac OS X") || ua.contains("Macintosh") { return "macOS" }
        if ua.contains("Windows") { return "Windows" }
        if ua.contains("Linux") { return "Linux" }
        return nil
    }

    /// The digits right after `marker`, e.g. "131" in "Chrome/131.0.0.0".
    private static func major(after marker: String, in ua: String) -> String? {
        guard let range = ua.range(of: marker) else { return nil }
        let digits = ua[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits.prefix(6))
    }
}
